/* tandem-ai-chat-panel.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-ai-chat-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "tandem-ai-anthropic.h"
#include "tandem-ai-chat-panel.h"
#include "tandem-ai-client.h"
#include "tandem-ai-conversation-store.h"
#include "tandem-ai-ollama.h"
#include "tandem-ai-openai.h"
#include "tandem-ai-provider-config.h"
#include "tandem-ai-provider-list.h"
#include "tandem-ai-secrets.h"
#include "tandem-file-index.h"
#include "tandem-markdown-view.h"
#include "tandem-quick-open.h"

/* The assistant's side panel: pick a provider and model, ask with the current file, the
 * selection and any project file attached, watch the answer stream in as Markdown, stop
 * it, retry it, and find the conversation again after a restart. The panel never blocks:
 * keys come from the keyring asynchronously, the stream is read by the shared client,
 * and the answer is drawn at most once per frame however fast tokens arrive. */

/* Room kept for the answer when checking that a question fits the model's window. */
#define ANSWER_RESERVE_TOKENS 1024
/* Ollama: never ask for less context than this (its own default truncates silently). */
#define OLLAMA_MIN_NUM_CTX 8192

typedef struct
{
  char *provider_id;
  char *model;
} Choice;

struct _TandemAiChatPanel
{
  GtkWidget                  parent_instance;

  GFile                     *root;
  TandemAiProviderList      *providers;
  TandemAiConversationStore *store;
  TandemAiConversation      *conversation;
  TandemAiClient            *client;
  GCancellable              *cancellable;
  GCancellable              *turn_cancellable;
  GtkStringList             *model_items;
  GPtrArray                 *choices;
  GPtrArray                 *attachments;
  TandemFileIndex           *file_index;
  char                      *instructions;
  char                      *editor_language;
  char                      *editor_language_name;
  GFile                     *editor_file;
  GWeakRef                   editor_buffer;
  gint64                     context_window;
  gint64                     model_window;

  /* The answer being streamed; its widgets are borrowed from the transcript. */
  TandemAiMessage           *answer;
  TandemMarkdownView        *answer_view;
  GtkLabel                  *answer_status;
  GtkWidget                 *last_answer_view;
  guint                      render_tick;
  guint                      retry_source;
  guint                      chips_source;
  gint64                     retry_deadline;

  /* Template children */
  GtkDropDown               *model_dropdown;
  GtkMenuButton             *history_button;
  GtkPopover                *history_popover;
  GtkListBox                *history_list;
  GtkStack                  *stack;
  GtkScrolledWindow         *scroller;
  GtkBox                    *transcript;
  GtkFlowBox                *chips;
  GtkTextView               *composer;
  GtkLabel                  *usage_label;
  GtkButton                 *send_button;
  GtkButton                 *stop_button;

  guint                      include_file : 1;
  guint                      include_selection : 1;
  guint                      updating_choices : 1;
  guint                      open_newest_pending : 1;
  guint                      picked_file : 1;
};

G_DEFINE_FINAL_TYPE (TandemAiChatPanel, tandem_ai_chat_panel, GTK_TYPE_WIDGET)

static void tandem_ai_chat_panel_update_chips (TandemAiChatPanel *self);
static void tandem_ai_chat_panel_update_usage (TandemAiChatPanel *self);
static void tandem_ai_chat_panel_show_conversation (TandemAiChatPanel *self);

static void
choice_free (Choice *choice)
{
  g_free (choice->provider_id);
  g_free (choice->model);
  g_free (choice);
}

static void
tandem_ai_chat_panel_toast (TandemAiChatPanel *self,
                            const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static char *
dup_relative_path (TandemAiChatPanel *self,
                   GFile             *file)
{
  char *relative = self->root ? g_file_get_relative_path (self->root, file) : NULL;

  return relative ? relative : g_file_get_basename (file);
}

static void
tandem_ai_chat_panel_update_busy (TandemAiChatPanel *self)
{
  gboolean busy = self->answer != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->send_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ai.send", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ai.stop", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ai.new-conversation", !busy);
}

/* Providers and models --------------------------------------------------------- */

static TandemAiProviderConfig *
tandem_ai_chat_panel_get_config (TandemAiChatPanel *self,
                                 const char        *provider_id)
{
  return provider_id ? tandem_ai_provider_list_find (self->providers, provider_id) : NULL;
}

static Choice *
tandem_ai_chat_panel_get_choice (TandemAiChatPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->choices->len)
    return NULL;

  return g_ptr_array_index (self->choices, selected);
}

static void
tandem_ai_chat_panel_model_info_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(TandemAiModelInfo) info = NULL;

  info = tandem_ai_client_get_model_info_finish (TANDEM_AI_CLIENT (object), result, NULL);
  if (info != NULL && info->context_length > 0)
    {
      self->model_window = info->context_length;
      if (self->context_window <= 0)
        self->context_window = info->context_length;
      tandem_ai_chat_panel_update_usage (self);
    }
}

static TandemAiProvider *
new_provider (TandemAiProviderConfig *config,
              const char             *api_key)
{
  g_autofree char *base_url = tandem_ai_provider_config_dup_base_url (config);
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  TandemAiProvider *provider = NULL;

  switch (tandem_ai_provider_config_get_kind (config))
    {
    case TANDEM_AI_PROVIDER_KIND_OPENAI:
      provider = tandem_ai_openai_new (base_url, api_key, host);
      tandem_ai_openai_set_stream_usage (TANDEM_AI_OPENAI (provider), TRUE);
      break;

    case TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE:
      provider = tandem_ai_openai_new (base_url, api_key, host);
      break;

    case TANDEM_AI_PROVIDER_KIND_ANTHROPIC:
      provider = tandem_ai_anthropic_new (base_url, api_key, host);
      break;

    case TANDEM_AI_PROVIDER_KIND_OLLAMA:
      provider = tandem_ai_ollama_new (base_url, api_key, host);
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  return provider;
}

static void
tandem_ai_chat_panel_choice_changed (TandemAiChatPanel *self)
{
  Choice *choice = tandem_ai_chat_panel_get_choice (self);
  TandemAiProviderConfig *config;

  if (self->updating_choices || choice == NULL)
    return;

  if (self->conversation != NULL)
    tandem_ai_conversation_set_provider (self->conversation, choice->provider_id, choice->model);

  config = tandem_ai_chat_panel_get_config (self, choice->provider_id);
  self->context_window = config ? tandem_ai_provider_config_get_context_window (config) : 0;
  self->model_window = 0;

  /* Ollama tells the real window of a model; asking costs one local request. */
  if (config != NULL && tandem_ai_provider_config_get_kind (config) == TANDEM_AI_PROVIDER_KIND_OLLAMA)
    {
      g_autoptr(TandemAiProvider) provider = new_provider (config, NULL);

      tandem_ai_client_get_model_info_async (self->client, provider, choice->model, self->cancellable,
                                             tandem_ai_chat_panel_model_info_cb, g_object_ref (self));
    }

  tandem_ai_chat_panel_update_usage (self);
}

static void
tandem_ai_chat_panel_dropdown_selected_cb (TandemAiChatPanel *self,
                                           GParamSpec        *pspec,
                                           GtkDropDown       *dropdown)
{
  tandem_ai_chat_panel_choice_changed (self);
}

static void
tandem_ai_chat_panel_reload_choices (TandemAiChatPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  const char *want_provider = self->conversation ? tandem_ai_conversation_get_provider_id (self->conversation) : NULL;
  const char *want_model = self->conversation ? tandem_ai_conversation_get_model (self->conversation) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  guint selected = GTK_INVALID_LIST_POSITION;

  self->updating_choices = TRUE;
  g_ptr_array_set_size (self->choices, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      g_autofree char *name = tandem_ai_provider_config_dup_name (config);
      g_autofree char *model = tandem_ai_provider_config_dup_model (config);
      g_auto(GStrv) cache = tandem_ai_provider_config_dup_models_cache (config);
      g_autoptr(GPtrArray) models = g_ptr_array_new ();

      if (!tandem_ai_provider_config_get_enabled (config))
        continue;

      if (model != NULL && model[0] != '\0')
        g_ptr_array_add (models, model);
      for (guint j = 0; cache != NULL && cache[j] != NULL; j++)
        if (g_strcmp0 (cache[j], model) != 0)
          g_ptr_array_add (models, cache[j]);

      for (guint j = 0; j < models->len; j++)
        {
          Choice *choice = g_new0 (Choice, 1);

          choice->provider_id = g_strdup (tandem_ai_provider_config_get_id (config));
          choice->model = g_strdup (g_ptr_array_index (models, j));
          if (selected == GTK_INVALID_LIST_POSITION &&
              ((want_provider == NULL && j == 0) ||
               (g_strcmp0 (want_provider, choice->provider_id) == 0 && g_strcmp0 (want_model, choice->model) == 0)))
            selected = self->choices->len;
          g_ptr_array_add (self->choices, choice);
          {
            g_autofree char *label = g_strdup_printf ("%s · %s", name, choice->model);
            g_strv_builder_add (builder, label);
          }
        }
    }

  labels = g_strv_builder_end (builder);
  gtk_string_list_splice (self->model_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->model_items)),
                          (const char * const *)labels);
  if (selected == GTK_INVALID_LIST_POSITION && self->choices->len > 0)
    selected = 0;
  gtk_drop_down_set_selected (self->model_dropdown, selected);
  self->updating_choices = FALSE;

  gtk_stack_set_visible_child_name (self->stack, self->choices->len > 0 ? "chat" : "setup");
  tandem_ai_chat_panel_choice_changed (self);
}

static void
tandem_ai_chat_panel_providers_changed_cb (TandemAiChatPanel *self,
                                           guint              position,
                                           guint              removed,
                                           guint              added,
                                           GListModel        *model)
{
  tandem_ai_chat_panel_reload_choices (self);
}

/* Context ---------------------------------------------------------------------- */

static GtkTextBuffer *
tandem_ai_chat_panel_dup_editor_buffer (TandemAiChatPanel *self)
{
  return g_weak_ref_get (&self->editor_buffer);
}

/* The attachments of the next question: the current file and the selection (when the
 * user did not remove their chips) and the files added with "@". */
static GPtrArray *
tandem_ai_chat_panel_collect_attachments (TandemAiChatPanel *self)
{
  g_autoptr(GtkTextBuffer) buffer = tandem_ai_chat_panel_dup_editor_buffer (self);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_ai_attachment_free);
  GtkTextIter start, end;

  if (buffer != NULL && self->editor_file != NULL)
    {
      g_autofree char *path = dup_relative_path (self, self->editor_file);

      if (self->include_selection && gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
        {
          g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

          g_ptr_array_add (items, tandem_ai_attachment_new (TANDEM_AI_ATTACHMENT_SELECTION, path,
                                                            self->editor_language, text,
                                                            gtk_text_iter_get_line (&start) + 1,
                                                            gtk_text_iter_get_line (&end) + 1));
        }

      if (self->include_file &&
          gtk_text_buffer_get_char_count (buffer) <= TANDEM_AI_CONTEXT_MAX_FILE_BYTES)
        {
          g_autofree char *text = NULL;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
          g_ptr_array_add (items, tandem_ai_attachment_new (TANDEM_AI_ATTACHMENT_FILE, path,
                                                            self->editor_language, text, 0, 0));
        }
    }

  for (guint i = 0; i < self->attachments->len; i++)
    {
      TandemAiAttachment *item = g_ptr_array_index (self->attachments, i);

      g_ptr_array_add (items, tandem_ai_attachment_new (item->kind, item->path, item->language,
                                                        item->text, item->first_line, item->last_line));
    }

  return items;
}

static char *
tandem_ai_chat_panel_dup_composer_text (TandemAiChatPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gint64
tandem_ai_chat_panel_estimate (TandemAiChatPanel *self,
                               const char        *question)
{
  g_autoptr(GPtrArray) items = tandem_ai_chat_panel_collect_attachments (self);
  g_autofree char *context = tandem_ai_context_render (items);
  g_autofree char *system = tandem_ai_context_build_system (self->instructions);
  gint64 total = tandem_ai_estimate_tokens (context) + tandem_ai_estimate_tokens (system) +
                 tandem_ai_estimate_tokens (question);
  guint n = self->conversation ? g_list_model_get_n_items (G_LIST_MODEL (self->conversation)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiMessage) message = g_list_model_get_item (G_LIST_MODEL (self->conversation), i);

      total += tandem_ai_estimate_tokens (tandem_ai_message_get_text (message)) + 4;
      if (tandem_ai_message_get_context_text (message) != NULL)
        total += tandem_ai_estimate_tokens (tandem_ai_message_get_context_text (message));
    }

  return total;
}

static char *
format_tokens (gint64 tokens)
{
  if (tokens >= 10000)
    return g_strdup_printf ("%.0fk", tokens / 1000.0);
  if (tokens >= 1000)
    return g_strdup_printf ("%.1fk", tokens / 1000.0);
  return g_strdup_printf ("%" G_GINT64_FORMAT, tokens);
}

static void
tandem_ai_chat_panel_update_usage (TandemAiChatPanel *self)
{
  g_autofree char *question = tandem_ai_chat_panel_dup_composer_text (self);
  gint64 used = tandem_ai_chat_panel_estimate (self, question);
  g_autofree char *used_text = format_tokens (used);
  g_autofree char *label = NULL;

  if (self->context_window > 0)
    {
      g_autofree char *window_text = format_tokens (self->context_window);

      /* Translators: "≈ 1.2k of 8k tokens": how much of the model's context is used */
      label = g_strdup_printf (_("≈ %s of %s tokens"), used_text, window_text);
      if (used + ANSWER_RESERVE_TOKENS > self->context_window)
        gtk_widget_add_css_class (GTK_WIDGET (self->usage_label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->usage_label), "warning");
    }
  else
    {
      label = g_strdup_printf (_("≈ %s tokens"), used_text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->usage_label), "warning");
    }

  gtk_label_set_text (self->usage_label, label);
}

static void
tandem_ai_chat_panel_remove_chip_cb (GtkButton *button,
                                     gpointer   user_data)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_AI_TYPE_CHAT_PANEL));
  const char *kind = g_object_get_data (G_OBJECT (button), "chip-kind");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "chip-index"));

  if (self == NULL)
    return;

  if (g_strcmp0 (kind, "file") == 0)
    self->include_file = FALSE;
  else if (g_strcmp0 (kind, "selection") == 0)
    self->include_selection = FALSE;
  else if (index < self->attachments->len)
    g_ptr_array_remove_index (self->attachments, index);

  tandem_ai_chat_panel_update_chips (self);
}

static void
tandem_ai_chat_panel_add_chip (TandemAiChatPanel *self,
                               const char        *icon_name,
                               const char        *label,
                               const char        *kind,
                               guint              index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s from the context"), label);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (box, 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "chip-kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (remove), "chip-index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (tandem_ai_chat_panel_remove_chip_cb), NULL);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_start (gtk_widget_get_first_child (box), 6);

  gtk_flow_box_append (self->chips, box);
}

static void
tandem_ai_chat_panel_update_chips (TandemAiChatPanel *self)
{
  g_autoptr(GtkTextBuffer) buffer = tandem_ai_chat_panel_dup_editor_buffer (self);
  GtkWidget *child;
  GtkTextIter start, end;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))))
    gtk_flow_box_remove (self->chips, child);

  if (buffer != NULL && self->editor_file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->editor_file);

      if (self->include_file)
        tandem_ai_chat_panel_add_chip (self, "text-x-generic-symbolic", name, "file", 0);

      if (self->include_selection && gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
        {
          g_autofree char *label = NULL;

          /* Translators: a chip for the selected lines, e.g. "main.c:12–20" */
          label = g_strdup_printf (_("%s:%d–%d"), name, gtk_text_iter_get_line (&start) + 1,
                                   gtk_text_iter_get_line (&end) + 1);
          tandem_ai_chat_panel_add_chip (self, "edit-select-all-symbolic", label, "selection", 0);
        }
    }

  for (guint i = 0; i < self->attachments->len; i++)
    {
      g_autofree char *label = tandem_ai_attachment_dup_label (g_ptr_array_index (self->attachments, i));

      tandem_ai_chat_panel_add_chip (self, "mail-attachment-symbolic", label, "attachment", i);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips),
                          gtk_widget_get_first_child (GTK_WIDGET (self->chips)) != NULL);
  tandem_ai_chat_panel_update_usage (self);
}

static gboolean
tandem_ai_chat_panel_chips_timeout_cb (gpointer data)
{
  TandemAiChatPanel *self = data;

  self->chips_source = 0;
  tandem_ai_chat_panel_update_chips (self);

  return G_SOURCE_REMOVE;
}

/* The cursor moves with every key typed in the editor: the chips (and the context
 * estimate, which copies the file) follow a moment later, not on every move. */
static void
tandem_ai_chat_panel_editor_mark_set_cb (TandemAiChatPanel *self,
                                         GtkTextIter       *location,
                                         GtkTextMark       *mark,
                                         GtkTextBuffer     *buffer)
{
  if ((mark == gtk_text_buffer_get_selection_bound (buffer) || mark == gtk_text_buffer_get_insert (buffer)) &&
      self->chips_source == 0)
    self->chips_source = g_timeout_add (150, tandem_ai_chat_panel_chips_timeout_cb, self);
}

/**
 * tandem_ai_chat_panel_set_editor:
 * @buffer: (nullable): the active editor's buffer
 * @file: (nullable): its file
 * @language: (nullable): the language name, for fences
 *
 * Follows the active editor: its file and selection are offered as context, and code
 * blocks are inserted there.
 */
void
tandem_ai_chat_panel_set_editor (GtkWidget     *panel,
                                 GtkTextBuffer *buffer,
                                 GFile         *file,
                                 const char    *language)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (panel);
  g_autoptr(GtkTextBuffer) old = NULL;

  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (self));

  old = tandem_ai_chat_panel_dup_editor_buffer (self);
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, tandem_ai_chat_panel_editor_mark_set_cb, self);

  g_weak_ref_set (&self->editor_buffer, buffer);
  g_set_object (&self->editor_file, file);
  g_free (self->editor_language);
  self->editor_language = language ? g_ascii_strdown (language, -1) : NULL;
  g_free (self->editor_language_name);
  self->editor_language_name = g_strdup (language);
  self->include_file = TRUE;
  self->include_selection = TRUE;

  if (buffer != NULL)
    g_signal_connect_object (buffer, "mark-set",
                             G_CALLBACK (tandem_ai_chat_panel_editor_mark_set_cb), self, G_CONNECT_SWAPPED);

  tandem_ai_chat_panel_update_chips (self);
}

/* Transcript ------------------------------------------------------------------- */

static void
tandem_ai_chat_panel_scroll_to_end (TandemAiChatPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static gboolean
tandem_ai_chat_panel_is_at_end (TandemAiChatPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 48;
}

static void
tandem_ai_chat_panel_insert_code_cb (TandemAiChatPanel  *self,
                                     const char         *code,
                                     TandemMarkdownView *view)
{
  g_autoptr(GtkTextBuffer) buffer = tandem_ai_chat_panel_dup_editor_buffer (self);

  if (buffer == NULL)
    {
      tandem_ai_chat_panel_toast (self, _("Open a file to insert code into"));
      return;
    }

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, code, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static void
tandem_ai_chat_panel_replace_selection_cb (TandemAiChatPanel  *self,
                                           const char         *code,
                                           TandemMarkdownView *view)
{
  g_autoptr(GtkTextBuffer) buffer = tandem_ai_chat_panel_dup_editor_buffer (self);

  if (buffer == NULL)
    {
      tandem_ai_chat_panel_toast (self, _("Open a file to insert code into"));
      return;
    }

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, code, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static void
tandem_ai_chat_panel_retry_cb (GtkButton *button,
                               gpointer   user_data);

static char *
format_status (TandemAiMessage *message)
{
  gint64 in = tandem_ai_message_get_input_tokens (message);
  gint64 out = tandem_ai_message_get_output_tokens (message);
  const char *model = tandem_ai_message_get_model (message);
  g_autoptr(GString) status = g_string_new (model ? model : "");

  switch (tandem_ai_message_get_state (message))
    {
    case TANDEM_AI_MESSAGE_STATE_STOPPED:
      g_string_append_printf (status, "%s%s", status->len ? " · " : "", _("Stopped"));
      break;

    case TANDEM_AI_MESSAGE_STATE_ERROR:
      g_string_append_printf (status, "%s%s", status->len ? " · " : "",
                              tandem_ai_message_get_error_text (message));
      break;

    case TANDEM_AI_MESSAGE_STATE_STREAMING:
      g_string_append_printf (status, "%s%s", status->len ? " · " : "", _("Writing…"));
      break;

    case TANDEM_AI_MESSAGE_STATE_COMPLETE:
    default:
      break;
    }

  if (in > 0 || out > 0)
    /* Translators: token usage of one answer */
    g_string_append_printf (status, _(" · %" G_GINT64_FORMAT " tokens in, %" G_GINT64_FORMAT " out"),
                            MAX (in, 0), MAX (out, 0));

  return g_string_free (g_steal_pointer (&status), FALSE);
}

/* A finished answer's status may be a long error: it wraps. While the answer streams,
 * it is one short line, ellipsized: a wrapping label beside the footer's buttons makes
 * GTK lay the whole transcript out again on every frame (measured: 0.5 ms a frame
 * more, with an answer of 4,000 tokens). */
static void
tandem_ai_chat_panel_set_status_wraps (GtkLabel        *status,
                                       TandemAiMessage *message)
{
  gboolean streaming = tandem_ai_message_get_state (message) == TANDEM_AI_MESSAGE_STATE_STREAMING;

  g_assert (GTK_IS_LABEL (status));
  g_assert (TANDEM_AI_IS_MESSAGE (message));

  gtk_label_set_wrap (status, !streaming);
  gtk_label_set_ellipsize (status, streaming ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

static GtkWidget *
tandem_ai_chat_panel_add_row (TandemAiChatPanel *self,
                              TandemAiMessage   *message)
{
  TandemAiMessageRole role = tandem_ai_message_get_role (message);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *who = gtk_label_new (role == TANDEM_AI_MESSAGE_ROLE_USER ? _("You") : _("Assistant"));

  gtk_label_set_xalign (GTK_LABEL (who), 0.0f);
  gtk_widget_add_css_class (who, "heading");
  gtk_box_append (GTK_BOX (row), who);

  if (role == TANDEM_AI_MESSAGE_ROLE_USER)
    {
      GtkWidget *text = gtk_label_new (tandem_ai_message_get_text (message));
      GString *context = g_string_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_box_append (GTK_BOX (row), text);

      for (guint i = 0; i < tandem_ai_message_get_n_context_items (message); i++)
        {
          const TandemAiContextItem *item = tandem_ai_message_get_context_item (message, i);

          g_string_append_printf (context, "%s%s", context->len ? ", " : "", item->path);
          if (item->start_line > 0)
            g_string_append_printf (context, ":%u–%u", item->start_line, item->end_line);
        }
      if (context->len > 0)
        {
          GtkWidget *label = gtk_label_new (context->str);

          gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (row), label);
        }
      g_string_free (context, TRUE);
    }
  else
    {
      GtkWidget *view = tandem_markdown_view_new ();
      GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *status = gtk_label_new (NULL);
      g_autofree char *status_text = format_status (message);

      tandem_markdown_view_set_text (TANDEM_MARKDOWN_VIEW (view), tandem_ai_message_get_text (message));
      g_signal_connect_object (view, "insert-code",
                               G_CALLBACK (tandem_ai_chat_panel_insert_code_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "replace-selection",
                               G_CALLBACK (tandem_ai_chat_panel_replace_selection_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (row), view);

      gtk_label_set_text (GTK_LABEL (status), status_text);
      gtk_label_set_xalign (GTK_LABEL (status), 0.0f);
      tandem_ai_chat_panel_set_status_wraps (GTK_LABEL (status), message);
      gtk_widget_set_hexpand (status, TRUE);
      gtk_widget_add_css_class (status, "caption");
      gtk_widget_add_css_class (status, "dim-label");
      gtk_box_append (GTK_BOX (footer), status);
      gtk_box_append (GTK_BOX (row), footer);

      g_object_set_data (G_OBJECT (row), "status", status);
      g_object_set_data (G_OBJECT (row), "view", view);
      g_object_set_data (G_OBJECT (row), "footer", footer);
      self->last_answer_view = view;
    }

  gtk_box_append (self->transcript, row);

  return row;
}

static void
tandem_ai_chat_panel_add_error_buttons (TandemAiChatPanel *self,
                                        GtkWidget         *row,
                                        gboolean           auth)
{
  GtkWidget *footer = g_object_get_data (G_OBJECT (row), "footer");
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));

  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  g_signal_connect (retry, "clicked", G_CALLBACK (tandem_ai_chat_panel_retry_cb), NULL);
  gtk_box_append (GTK_BOX (footer), retry);

  if (auth)
    {
      GtkWidget *prefs = gtk_button_new_with_mnemonic (_("Open _Preferences"));

      gtk_widget_set_valign (prefs, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (prefs), "app.preferences");
      gtk_box_append (GTK_BOX (footer), prefs);
    }
}

static void
tandem_ai_chat_panel_show_conversation (TandemAiChatPanel *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transcript))))
    gtk_box_remove (self->transcript, child);
  self->last_answer_view = NULL;

  n = self->conversation ? g_list_model_get_n_items (G_LIST_MODEL (self->conversation)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiMessage) message = g_list_model_get_item (G_LIST_MODEL (self->conversation), i);
      GtkWidget *row = tandem_ai_chat_panel_add_row (self, message);

      if (tandem_ai_message_get_role (message) == TANDEM_AI_MESSAGE_ROLE_ASSISTANT &&
          (tandem_ai_message_get_state (message) == TANDEM_AI_MESSAGE_STATE_ERROR ||
           tandem_ai_message_get_state (message) == TANDEM_AI_MESSAGE_STATE_STOPPED) &&
          i == n - 1)
        tandem_ai_chat_panel_add_error_buttons (self, row, FALSE);
    }

  tandem_ai_chat_panel_reload_choices (self);
  tandem_ai_chat_panel_update_usage (self);
}

/* A turn ------------------------------------------------------------------------ */

static gboolean
tandem_ai_chat_panel_render_tick (GtkWidget     *widget,
                                  GdkFrameClock *clock,
                                  gpointer       user_data)
{
  TandemAiChatPanel *self = user_data;
  gboolean at_end = tandem_ai_chat_panel_is_at_end (self);

  self->render_tick = 0;
  if (self->answer != NULL && self->answer_view != NULL)
    tandem_markdown_view_set_text (self->answer_view, tandem_ai_message_get_text (self->answer));
  if (at_end)
    tandem_ai_chat_panel_scroll_to_end (self);

  return G_SOURCE_REMOVE;
}

static void
tandem_ai_chat_panel_queue_render (TandemAiChatPanel *self)
{
  if (self->render_tick == 0 && self->answer_view != NULL)
    self->render_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->answer_view),
                                                      tandem_ai_chat_panel_render_tick, self, NULL);
}

static void
tandem_ai_chat_panel_update_status (TandemAiChatPanel *self)
{
  g_autofree char *text = NULL;

  if (self->answer == NULL || self->answer_status == NULL)
    return;

  text = format_status (self->answer);
  gtk_label_set_text (self->answer_status, text);
  tandem_ai_chat_panel_set_status_wraps (self->answer_status, self->answer);
}

static gboolean
tandem_ai_chat_panel_retry_countdown_cb (gpointer data)
{
  TandemAiChatPanel *self = data;
  gint64 left = (self->retry_deadline - g_get_monotonic_time () + 999999) / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (self->answer_status == NULL || left <= 0)
    {
      self->retry_source = 0;
      tandem_ai_chat_panel_update_status (self);
      return G_SOURCE_REMOVE;
    }

  /* Translators: shown while the server asked us to wait */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The server is busy: trying again in %d second…",
                                       "The server is busy: trying again in %d seconds…", (int)left),
                          (int)left);
  gtk_label_set_text (self->answer_status, text);

  return G_SOURCE_CONTINUE;
}

static void
tandem_ai_chat_panel_event_cb (TandemAiEvent *event,
                               gpointer       user_data)
{
  TandemAiChatPanel *self = user_data;

  if (self->answer == NULL)
    return;

  switch (event->kind)
    {
    case TANDEM_AI_EVENT_TEXT_DELTA:
      if (event->text != NULL)
        {
          tandem_ai_message_append_text (self->answer, event->text);
          tandem_ai_chat_panel_queue_render (self);
        }
      break;

    case TANDEM_AI_EVENT_MESSAGE_START:
      if (event->model != NULL)
        tandem_ai_message_set_model (self->answer, event->model);
      break;

    case TANDEM_AI_EVENT_USAGE:
      tandem_ai_message_set_usage (self->answer, event->input_tokens, event->output_tokens);
      break;

    case TANDEM_AI_EVENT_TOOL_CALL_END:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *json = NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_string_value (builder, event->id ? event->id : "");
        json_builder_set_member_name (builder, "name");
        json_builder_add_string_value (builder, event->name ? event->name : "");
        json_builder_set_member_name (builder, "arguments");
        json_builder_add_string_value (builder, event->text ? event->text : "");
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        json = json_to_string (root, FALSE);
        tandem_ai_message_add_tool_call (self->answer, json);
      }
      break;

    case TANDEM_AI_EVENT_RETRY:
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_deadline = g_get_monotonic_time () + MAX (event->retry_after_ms, 0) * 1000;
      tandem_ai_chat_panel_retry_countdown_cb (self);
      self->retry_source = g_timeout_add (250, tandem_ai_chat_panel_retry_countdown_cb, self);
      break;

    case TANDEM_AI_EVENT_ERROR:
      tandem_ai_message_set_error (self->answer, event->text);
      g_object_set_data (G_OBJECT (self->answer), "auth-error",
                         GINT_TO_POINTER (event->error_kind == TANDEM_AI_ERROR_AUTH));
      break;

    case TANDEM_AI_EVENT_REASONING_DELTA:
    case TANDEM_AI_EVENT_TOOL_CALL_START:
    case TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA:
    case TANDEM_AI_EVENT_FINISH:
    default:
      break;
    }
}

static void
tandem_ai_chat_panel_turn_done_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemAiMessage) answer = self->answer ? g_object_ref (self->answer) : NULL;
  GtkWidget *row;
  gboolean auth;

  tandem_ai_client_stream_chat_finish (TANDEM_AI_CLIENT (object), result, &error);

  if (answer == NULL)
    return;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->render_tick != 0 && self->answer_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->answer_view), self->render_tick);
  self->render_tick = 0;
  if (self->answer_view != NULL)
    {
      tandem_markdown_view_set_text (self->answer_view, tandem_ai_message_get_text (answer));
      tandem_markdown_view_set_streaming (self->answer_view, FALSE);
    }

  auth = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (answer), "auth-error"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STOPPED);
  else if (error != NULL || tandem_ai_message_get_error_text (answer) != NULL)
    {
      if (tandem_ai_message_get_error_text (answer) == NULL)
        tandem_ai_message_set_error (answer, error->message);
      tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_ERROR);
    }
  else
    tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_COMPLETE);

  tandem_ai_chat_panel_update_status (self);

  row = self->answer_view ? gtk_widget_get_parent (GTK_WIDGET (self->answer_view)) : NULL;
  if (row != NULL && tandem_ai_message_get_state (answer) != TANDEM_AI_MESSAGE_STATE_COMPLETE)
    tandem_ai_chat_panel_add_error_buttons (self, row, auth);

  g_clear_object (&self->answer);
  self->answer_view = NULL;
  self->answer_status = NULL;
  g_clear_object (&self->turn_cancellable);
  tandem_ai_chat_panel_update_busy (self);
  tandem_ai_chat_panel_update_usage (self);
}

typedef struct
{
  TandemAiChatPanel   *self;
  TandemAiChatRequest *request;
  char                *provider_id;
} Turn;

static void
turn_free (Turn *turn)
{
  g_clear_object (&turn->self);
  g_clear_pointer (&turn->request, tandem_ai_chat_request_free);
  g_free (turn->provider_id);
  g_free (turn);
}

static void
tandem_ai_chat_panel_fail_turn (TandemAiChatPanel *self,
                                const char        *message,
                                gboolean           auth)
{
  GtkWidget *row;

  if (self->answer == NULL)
    return;

  tandem_ai_message_set_error (self->answer, message);
  tandem_ai_message_set_state (self->answer, TANDEM_AI_MESSAGE_STATE_ERROR);
  tandem_ai_chat_panel_update_status (self);
  if (self->answer_view != NULL)
    {
      tandem_markdown_view_set_streaming (self->answer_view, FALSE);
      row = gtk_widget_get_parent (GTK_WIDGET (self->answer_view));
      tandem_ai_chat_panel_add_error_buttons (self, row, auth);
    }
  g_clear_object (&self->answer);
  self->answer_view = NULL;
  self->answer_status = NULL;
  g_clear_object (&self->turn_cancellable);
  tandem_ai_chat_panel_update_busy (self);
}

static void
tandem_ai_chat_panel_key_looked_up_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  Turn *turn = user_data;
  TandemAiChatPanel *self = turn->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(TandemAiProvider) provider = NULL;
  TandemAiProviderConfig *config;

  key = tandem_ai_secrets_lookup_finish (result, &error);
  config = tandem_ai_chat_panel_get_config (self, turn->provider_id);

  if (self->answer == NULL || config == NULL)
    {
      turn_free (turn);
      return;
    }

  if (error != NULL && tandem_ai_provider_kind_needs_key (tandem_ai_provider_config_get_kind (config)))
    {
      tandem_ai_chat_panel_fail_turn (self, error->message, TRUE);
      turn_free (turn);
      return;
    }

  if (key == NULL && tandem_ai_provider_kind_needs_key (tandem_ai_provider_config_get_kind (config)))
    {
      tandem_ai_chat_panel_fail_turn (self, _("This provider needs an API key: add it in Preferences → AI"), TRUE);
      turn_free (turn);
      return;
    }

  provider = new_provider (config, key);
  tandem_ai_client_stream_chat_async (self->client, provider, turn->request,
                                      tandem_ai_chat_panel_event_cb, self, NULL,
                                      self->turn_cancellable,
                                      tandem_ai_chat_panel_turn_done_cb, g_object_ref (self));
  turn_free (turn);
}

/* Builds the request from the conversation (each user message with the context that
 * was attached to it) and starts the turn. */
static void
tandem_ai_chat_panel_start_turn (TandemAiChatPanel *self)
{
  Choice *choice = tandem_ai_chat_panel_get_choice (self);
  TandemAiProviderConfig *config = choice ? tandem_ai_chat_panel_get_config (self, choice->provider_id) : NULL;
  g_autofree char *system = tandem_ai_context_build_system (self->instructions);
  g_autofree char *base_url = NULL;
  g_autoptr(TandemAiMessage) answer = NULL;
  Turn *turn;
  guint n;
  gint64 estimate = 0;

  if (choice == NULL || config == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      return;
    }

  turn = g_new0 (Turn, 1);
  turn->self = g_object_ref (self);
  turn->provider_id = g_strdup (choice->provider_id);
  turn->request = tandem_ai_chat_request_new (choice->model);
  tandem_ai_chat_request_set_system (turn->request, system);
  if (tandem_ai_provider_config_get_max_output_tokens (config) > 0)
    turn->request->max_tokens = tandem_ai_provider_config_get_max_output_tokens (config);
  turn->request->temperature = tandem_ai_provider_config_get_temperature (config);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->conversation));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiMessage) message = g_list_model_get_item (G_LIST_MODEL (self->conversation), i);
      TandemAiMessageRole role = tandem_ai_message_get_role (message);
      const char *text = tandem_ai_message_get_text (message);

      if (role == TANDEM_AI_MESSAGE_ROLE_USER)
        {
          const char *context = tandem_ai_message_get_context_text (message);
          g_autofree char *content = NULL;

          content = context != NULL ? g_strconcat (context, "\n", text, NULL) : g_strdup (text);
          tandem_ai_chat_request_add_message (turn->request, TANDEM_AI_ROLE_USER, content);
          estimate += tandem_ai_estimate_tokens (content);
        }
      else if (role == TANDEM_AI_MESSAGE_ROLE_ASSISTANT &&
               tandem_ai_message_get_state (message) != TANDEM_AI_MESSAGE_STATE_ERROR &&
               text != NULL && text[0] != '\0')
        {
          tandem_ai_chat_request_add_message (turn->request, TANDEM_AI_ROLE_ASSISTANT, text);
          estimate += tandem_ai_estimate_tokens (text);
        }
    }

  /* Ollama silently drops the front of a prompt that does not fit num_ctx: ask for a
   * window large enough for this turn, within what the model supports. */
  if (tandem_ai_provider_config_get_kind (config) == TANDEM_AI_PROVIDER_KIND_OLLAMA)
    {
      gint64 needed = estimate + tandem_ai_estimate_tokens (system) + ANSWER_RESERVE_TOKENS * 2;
      gint64 num_ctx = MAX (OLLAMA_MIN_NUM_CTX, ((needed + 1023) / 1024) * 1024);

      if (self->model_window > 0)
        num_ctx = MIN (num_ctx, self->model_window);
      turn->request->num_ctx = num_ctx;
    }

  answer = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_ASSISTANT, "");
  tandem_ai_message_set_model (answer, choice->model);
  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STREAMING);
  tandem_ai_conversation_append (self->conversation, answer);
  {
    GtkWidget *row = tandem_ai_chat_panel_add_row (self, answer);

    self->answer = g_object_ref (answer);
    self->answer_view = g_object_get_data (G_OBJECT (row), "view");
    self->answer_status = g_object_get_data (G_OBJECT (row), "status");
    tandem_markdown_view_set_streaming (self->answer_view, TRUE);
  }

  g_clear_object (&self->turn_cancellable);
  self->turn_cancellable = g_cancellable_new ();
  tandem_ai_chat_panel_update_busy (self);
  tandem_ai_chat_panel_scroll_to_end (self);

  base_url = tandem_ai_provider_config_dup_base_url (config);
  tandem_ai_secrets_lookup_async (choice->provider_id, base_url, self->turn_cancellable,
                                  tandem_ai_chat_panel_key_looked_up_cb, turn);
}

static void
tandem_ai_chat_panel_retry_cb (GtkButton *button,
                               gpointer   user_data)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_AI_TYPE_CHAT_PANEL));

  if (self == NULL || self->answer != NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  tandem_ai_chat_panel_start_turn (self);
}

static void
tandem_ai_chat_panel_do_send (TandemAiChatPanel *self,
                              const char        *text)
{
  g_autoptr(GPtrArray) items = tandem_ai_chat_panel_collect_attachments (self);
  g_autofree char *context = tandem_ai_context_render (items);
  g_autoptr(TandemAiMessage) question = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_USER, text);

  for (guint i = 0; i < items->len; i++)
    {
      TandemAiAttachment *item = g_ptr_array_index (items, i);

      tandem_ai_message_add_context_item (question, item->path, item->first_line, item->last_line);
    }
  tandem_ai_message_set_context_text (question, context);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->conversation)) == 0)
    {
      g_autofree char *title = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 60));

      tandem_ai_conversation_set_title (self->conversation, g_strstrip (g_strdelimit (title, "\n", ' ')));
    }

  tandem_ai_conversation_append (self->conversation, question);
  tandem_ai_chat_panel_add_row (self, question);

  /* Files added with "@" belong to this question only. */
  g_ptr_array_set_size (self->attachments, 0);
  tandem_ai_chat_panel_update_chips (self);

  tandem_ai_chat_panel_start_turn (self);
}

typedef struct
{
  TandemAiChatPanel *self;
  char              *text;
} PendingSend;

static void
tandem_ai_chat_panel_too_large_response_cb (AdwMessageDialog *dialog,
                                            const char       *response,
                                            gpointer          user_data)
{
  PendingSend *pending = user_data;

  if (g_strcmp0 (response, "send") == 0)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (pending->self->composer), "", -1);
      tandem_ai_chat_panel_do_send (pending->self, pending->text);
    }

  g_object_unref (pending->self);
  g_free (pending->text);
  g_free (pending);
}

/**
 * tandem_ai_chat_panel_send_text:
 * @text: the question
 *
 * Sends @text with the current context, after a warning when it will not fit in the
 * model's context window.
 */
void
tandem_ai_chat_panel_send_text (TandemAiChatPanel *self,
                                const char        *text)
{
  g_autofree char *stripped = NULL;
  gint64 estimate;

  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (self));

  if (self->answer != NULL || text == NULL)
    return;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return;

  if (tandem_ai_chat_panel_get_choice (self) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      return;
    }

  estimate = tandem_ai_chat_panel_estimate (self, stripped);
  if (self->context_window > 0 && estimate + ANSWER_RESERVE_TOKENS > self->context_window)
    {
      GtkWidget *dialog;
      PendingSend *pending = g_new0 (PendingSend, 1);
      g_autofree char *body = NULL;

      pending->self = g_object_ref (self);
      pending->text = g_strdup (stripped);
      body = g_strdup_printf (_("This question with its context is about %" G_GINT64_FORMAT " tokens, "
                                "but the model reads at most %" G_GINT64_FORMAT ". The start of the "
                                "conversation or the context may be cut off. Remove some context or "
                                "start a new conversation."),
                              estimate, self->context_window);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _("Too Much for the Model"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "send", _("_Send Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (tandem_ai_chat_panel_too_large_response_cb), pending);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer), "", -1);
  tandem_ai_chat_panel_do_send (self, stripped);
}

void
tandem_ai_chat_panel_stop (TandemAiChatPanel *self)
{
  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (self));

  /* Closing the connection stops the server's generation too. */
  if (self->turn_cancellable != NULL)
    g_cancellable_cancel (self->turn_cancellable);
}

gboolean
tandem_ai_chat_panel_get_busy (TandemAiChatPanel *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CHAT_PANEL (self), FALSE);

  return self->answer != NULL;
}

GListModel *
tandem_ai_chat_panel_get_messages (TandemAiChatPanel *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CHAT_PANEL (self), NULL);

  return G_LIST_MODEL (self->conversation);
}

GtkWidget *
tandem_ai_chat_panel_get_last_answer_view (TandemAiChatPanel *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CHAT_PANEL (self), NULL);

  return self->last_answer_view;
}

void
tandem_ai_chat_panel_set_client (TandemAiChatPanel *self,
                                 gpointer           client)
{
  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (self));
  g_return_if_fail (TANDEM_IS_AI_CLIENT (client));

  g_set_object (&self->client, client);
}

/* Conversations ----------------------------------------------------------------- */

static void
tandem_ai_chat_panel_set_conversation (TandemAiChatPanel    *self,
                                       TandemAiConversation *conversation)
{
  /* A turn still running finishes into its own conversation, off screen. */
  if (self->answer != NULL)
    {
      tandem_ai_chat_panel_stop (self);
      if (self->render_tick != 0 && self->answer_view != NULL)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->answer_view), self->render_tick);
      self->render_tick = 0;
      self->answer_view = NULL;
      self->answer_status = NULL;
    }

  g_set_object (&self->conversation, conversation);
  tandem_ai_conversation_store_track (self->store, conversation);
  tandem_ai_chat_panel_show_conversation (self);
}

static void
tandem_ai_chat_panel_new_conversation (TandemAiChatPanel *self)
{
  g_autofree char *path = self->root ? g_file_get_path (self->root) : NULL;
  g_autoptr(TandemAiConversation) conversation = tandem_ai_conversation_new (path ? path : "");
  Choice *choice = tandem_ai_chat_panel_get_choice (self);

  if (choice != NULL)
    tandem_ai_conversation_set_provider (conversation, choice->provider_id, choice->model);
  tandem_ai_chat_panel_set_conversation (self, conversation);
}

static void
tandem_ai_chat_panel_loaded_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(TandemAiConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  conversation = tandem_ai_conversation_store_load_finish (TANDEM_AI_CONVERSATION_STORE (object), result, &error);
  if (conversation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The conversation could not be opened: %s"), error->message);
          tandem_ai_chat_panel_toast (self, message);
        }
      return;
    }

  tandem_ai_chat_panel_set_conversation (self, conversation);
}

static void
tandem_ai_chat_panel_open_conversation (TandemAiChatPanel *self,
                                        const char        *id)
{
  g_autofree char *path = self->root ? g_file_get_path (self->root) : NULL;

  tandem_ai_conversation_store_load_async (self->store, path ? path : "", id, self->cancellable,
                                           tandem_ai_chat_panel_loaded_cb, g_object_ref (self));
}

static void
tandem_ai_chat_panel_deleted_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_conversation_store_delete_finish (TANDEM_AI_CONVERSATION_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tandem_ai_chat_panel_toast (self, error->message);
    }
}

static void
tandem_ai_chat_panel_renamed_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_conversation_store_rename_finish (TANDEM_AI_CONVERSATION_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tandem_ai_chat_panel_toast (self, error->message);
}

static void
tandem_ai_chat_panel_history_open_cb (GtkButton *button,
                                      gpointer   user_data)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_AI_TYPE_CHAT_PANEL));
  const char *id = g_object_get_data (G_OBJECT (button), "conversation-id");

  gtk_popover_popdown (self->history_popover);
  if (self->conversation == NULL || g_strcmp0 (tandem_ai_conversation_get_id (self->conversation), id) != 0)
    tandem_ai_chat_panel_open_conversation (self, id);
}

static void
tandem_ai_chat_panel_history_delete_cb (GtkButton *button,
                                        gpointer   user_data)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_AI_TYPE_CHAT_PANEL));
  const char *id = g_object_get_data (G_OBJECT (button), "conversation-id");
  g_autofree char *path = self->root ? g_file_get_path (self->root) : NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  tandem_ai_conversation_store_delete_async (self->store, path ? path : "", id, self->cancellable,
                                             tandem_ai_chat_panel_deleted_cb, g_object_ref (self));
  if (self->conversation != NULL && g_strcmp0 (tandem_ai_conversation_get_id (self->conversation), id) == 0)
    tandem_ai_chat_panel_new_conversation (self);
  if (row != NULL)
    gtk_list_box_remove (self->history_list, row);
}

static void
tandem_ai_chat_panel_rename_response_cb (AdwMessageDialog *dialog,
                                         const char       *response,
                                         gpointer          user_data)
{
  TandemAiChatPanel *self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *id = g_object_get_data (G_OBJECT (dialog), "conversation-id");
  g_autofree char *path = self->root ? g_file_get_path (self->root) : NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "rename") == 0 && title[0] != '\0')
    {
      if (self->conversation != NULL && g_strcmp0 (tandem_ai_conversation_get_id (self->conversation), id) == 0)
        tandem_ai_conversation_set_title (self->conversation, title);
      else
        tandem_ai_conversation_store_rename_async (self->store, path ? path : "", id, title, self->cancellable,
                                                   tandem_ai_chat_panel_renamed_cb, g_object_ref (self));
    }

  g_object_unref (self);
}

static void
tandem_ai_chat_panel_history_rename_cb (GtkButton *button,
                                        gpointer   user_data)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), TANDEM_AI_TYPE_CHAT_PANEL));
  const char *id = g_object_get_data (G_OBJECT (button), "conversation-id");
  const char *title = g_object_get_data (G_OBJECT (button), "conversation-title");
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  gtk_popover_popdown (self->history_popover);
  gtk_editable_set_text (GTK_EDITABLE (entry), title ? title : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Rename Conversation"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "conversation-id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (tandem_ai_chat_panel_rename_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_history_button (const char *icon_name,
                    const char *tooltip,
                    const char *id,
                    const char *title,
                    GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "conversation-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (button), "conversation-title", g_strdup (title), g_free);
  g_signal_connect (button, "clicked", callback, NULL);

  return button;
}

static void
tandem_ai_chat_panel_listed_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean open_newest = self->open_newest_pending;
  GtkWidget *child;
  guint n;

  self->open_newest_pending = FALSE;
  list = tandem_ai_conversation_store_list_finish (TANDEM_AI_CONVERSATION_STORE (object), result, &error);
  if (list == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))))
    gtk_list_box_remove (self->history_list, child);

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiConversationInfo) info = g_list_model_get_item (list, i);
      const char *id = tandem_ai_conversation_info_get_id (info);
      const char *title = tandem_ai_conversation_info_get_title (info);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *open;

      if (tandem_ai_conversation_info_get_damaged (info))
        {
          g_autofree char *label = g_strdup_printf (_("Damaged: %s"), tandem_ai_conversation_info_get_error (info));
          open = gtk_label_new (label);
          gtk_widget_add_css_class (open, "error");
        }
      else
        {
          open = gtk_button_new_with_label (title && *title ? title : _("Untitled Conversation"));
          gtk_widget_add_css_class (open, "flat");
          gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (open))), PANGO_ELLIPSIZE_END);
          gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (open))), 0.0f);
          g_object_set_data_full (G_OBJECT (open), "conversation-id", g_strdup (id), g_free);
          g_signal_connect (open, "clicked", G_CALLBACK (tandem_ai_chat_panel_history_open_cb), NULL);
          gtk_box_append (GTK_BOX (row), open);
          gtk_widget_set_hexpand (open, TRUE);
          gtk_box_append (GTK_BOX (row), new_history_button ("document-edit-symbolic", _("Rename"), id, title,
                                                             G_CALLBACK (tandem_ai_chat_panel_history_rename_cb)));
        }
      if (gtk_widget_get_parent (open) == NULL)
        {
          gtk_widget_set_hexpand (open, TRUE);
          gtk_box_append (GTK_BOX (row), open);
        }
      gtk_box_append (GTK_BOX (row), new_history_button ("user-trash-symbolic", _("Delete"), id, title,
                                                         G_CALLBACK (tandem_ai_chat_panel_history_delete_cb)));
      gtk_list_box_append (self->history_list, row);

      /* Unless the user already started talking in the new conversation. */
      if (open_newest && i == 0 && !tandem_ai_conversation_info_get_damaged (info) &&
          self->answer == NULL && self->conversation != NULL &&
          g_list_model_get_n_items (G_LIST_MODEL (self->conversation)) == 0)
        tandem_ai_chat_panel_open_conversation (self, id);
    }

  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No conversations yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->history_list, empty);
    }
}

static void
tandem_ai_chat_panel_reload_history (TandemAiChatPanel *self,
                                     gboolean           open_newest)
{
  g_autofree char *path = self->root ? g_file_get_path (self->root) : NULL;

  self->open_newest_pending = open_newest;
  tandem_ai_conversation_store_list_async (self->store, path ? path : "", self->cancellable,
                                           tandem_ai_chat_panel_listed_cb, g_object_ref (self));
}

/* Attaching project files ("@") ------------------------------------------------ */

typedef struct
{
  TandemAiChatPanel *self;
  char              *path;
} Attach;

static void
tandem_ai_chat_panel_file_read_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  Attach *attach = user_data;
  TandemAiChatPanel *self = attach->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean truncated = FALSE;

  text = tandem_ai_context_read_file_finish (result, &truncated, &error);
  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” could not be attached: %s"), attach->path, error->message);
          tandem_ai_chat_panel_toast (self, message);
        }
    }
  else
    {
      GtkSourceLanguage *language;
      g_autofree char *basename = g_path_get_basename (attach->path);

      language = gtk_source_language_manager_guess_language (gtk_source_language_manager_get_default (),
                                                             basename, NULL);
      if (truncated)
        {
          g_autofree char *message = g_strdup_printf (_("Only the first %u KB of “%s” are attached"),
                                                      TANDEM_AI_CONTEXT_MAX_FILE_BYTES / 1024, basename);
          tandem_ai_chat_panel_toast (self, message);
        }
      g_ptr_array_add (self->attachments,
                       tandem_ai_attachment_new (TANDEM_AI_ATTACHMENT_FILE, attach->path,
                                                 language ? gtk_source_language_get_id (language) : NULL,
                                                 text, 0, 0));
      tandem_ai_chat_panel_update_chips (self);
    }

  g_object_unref (attach->self);
  g_free (attach->path);
  g_free (attach);
}

static void
tandem_ai_chat_panel_file_chosen_cb (TandemAiChatPanel *self,
                                     GFile             *file,
                                     TandemQuickOpen   *quick_open)
{
  Attach *attach = g_new0 (Attach, 1);

  self->picked_file = TRUE;
  attach->self = g_object_ref (self);
  attach->path = dup_relative_path (self, file);
  tandem_ai_context_read_file_async (file, TANDEM_AI_CONTEXT_MAX_FILE_BYTES, self->cancellable,
                                     tandem_ai_chat_panel_file_read_cb, attach);
}

static void
tandem_ai_chat_panel_picker_destroyed_cb (TandemAiChatPanel *self,
                                          TandemQuickOpen   *quick_open)
{
  /* Typing "@" and then Escape leaves the "@" in the text, as typed. */
  if (!self->picked_file && g_object_get_data (G_OBJECT (quick_open), "typed-at"))
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (self->composer), "@", 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer));
}

static void
tandem_ai_chat_panel_pick_file (TandemAiChatPanel *self,
                                gboolean           typed_at)
{
  TandemQuickOpen *quick_open;

  if (self->root == NULL)
    return;

  if (self->file_index == NULL)
    self->file_index = tandem_file_index_new (self->root);

  self->picked_file = FALSE;
  quick_open = tandem_quick_open_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->file_index);
  gtk_window_set_title (GTK_WINDOW (quick_open), _("Attach a File"));
  if (typed_at)
    g_object_set_data (G_OBJECT (quick_open), "typed-at", GINT_TO_POINTER (1));
  g_signal_connect_object (quick_open, "file-chosen",
                           G_CALLBACK (tandem_ai_chat_panel_file_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (quick_open, "destroy",
                           G_CALLBACK (tandem_ai_chat_panel_picker_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (quick_open));
}

/* Composer ---------------------------------------------------------------------- */

static gboolean
tandem_ai_chat_panel_composer_key_cb (TandemAiChatPanel     *self,
                                      guint                  keyval,
                                      guint                  keycode,
                                      GdkModifierType        state,
                                      GtkEventControllerKey *controller)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer);

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      !(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
    {
      g_autofree char *text = tandem_ai_chat_panel_dup_composer_text (self);

      tandem_ai_chat_panel_send_text (self, text);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Escape && self->answer != NULL)
    {
      tandem_ai_chat_panel_stop (self);
      return GDK_EVENT_STOP;
    }

  /* "@" at the start of a word picks a project file to attach. */
  if (keyval == GDK_KEY_at)
    {
      GtkTextIter cursor, before;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      before = cursor;
      if (gtk_text_iter_is_start (&cursor) ||
          (gtk_text_iter_backward_char (&before) && g_unichar_isspace (gtk_text_iter_get_char (&before))))
        {
          tandem_ai_chat_panel_pick_file (self, TRUE);
          return GDK_EVENT_STOP;
        }
    }

  return GDK_EVENT_PROPAGATE;
}

static void
tandem_ai_chat_panel_composer_changed_cb (TandemAiChatPanel *self,
                                          GtkTextBuffer     *buffer)
{
  tandem_ai_chat_panel_update_usage (self);
}

/* Actions ----------------------------------------------------------------------- */

static void
ai_send_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (widget);
  g_autofree char *text = tandem_ai_chat_panel_dup_composer_text (self);

  tandem_ai_chat_panel_send_text (self, text);
}

static void
ai_stop_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  tandem_ai_chat_panel_stop (TANDEM_AI_CHAT_PANEL (widget));
}

static void
ai_new_conversation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (widget);

  tandem_ai_chat_panel_new_conversation (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer));
}

static void
ai_attach_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  tandem_ai_chat_panel_pick_file (TANDEM_AI_CHAT_PANEL (widget), FALSE);
}

static void
tandem_ai_chat_panel_history_shown_cb (TandemAiChatPanel *self,
                                       GtkPopover        *popover)
{
  tandem_ai_chat_panel_reload_history (self, FALSE);
}

/**
 * tandem_ai_chat_panel_quick_action:
 * @action: what to ask about the selection
 *
 * Asks Explain / Write Tests / Optimize / Fix about the editor's selection (or the
 * whole file when nothing is selected), with the file name and language.
 */
void
tandem_ai_chat_panel_quick_action (GtkWidget           *panel,
                                   TandemAiQuickAction  action)
{
  TandemAiChatPanel *self = TANDEM_AI_CHAT_PANEL (panel);
  g_autofree char *prompt = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (self));

  if (self->editor_file == NULL || self->answer != NULL)
    return;

  path = dup_relative_path (self, self->editor_file);
  prompt = tandem_ai_quick_action_prompt (action, path, self->editor_language_name);
  self->include_selection = TRUE;
  tandem_ai_chat_panel_send_text (self, prompt);
}

void
tandem_ai_chat_panel_focus (GtkWidget *panel)
{
  g_return_if_fail (TANDEM_AI_IS_CHAT_PANEL (panel));

  gtk_widget_grab_focus (GTK_WIDGET (TANDEM_AI_CHAT_PANEL (panel)->composer));
}

static void
tandem_ai_chat_panel_instructions_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(TandemAiChatPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  char *text;

  /* No AGENTS.md is the common case, not an error worth showing. */
  text = tandem_ai_context_read_file_finish (result, NULL, &error);
  if (text != NULL)
    {
      g_free (self->instructions);
      self->instructions = text;
      tandem_ai_chat_panel_update_usage (self);
    }
}

/**
 * tandem_ai_chat_panel_new:
 * @project_root: (nullable): the project folder
 *
 * Returns: (transfer floating): the chat panel; it opens the project's newest
 *   conversation and reads AGENTS.md in the background
 */
GtkWidget *
tandem_ai_chat_panel_new (GFile *project_root)
{
  TandemAiChatPanel *self = g_object_new (TANDEM_AI_TYPE_CHAT_PANEL, NULL);

  if (project_root != NULL)
    {
      g_autoptr(GFile) agents = g_file_get_child (project_root, "AGENTS.md");

      self->root = g_object_ref (project_root);
      tandem_ai_context_read_file_async (agents, TANDEM_AI_INSTRUCTIONS_MAX_BYTES, self->cancellable,
                                         tandem_ai_chat_panel_instructions_cb, g_object_ref (self));
    }

  tandem_ai_chat_panel_new_conversation (self);
  tandem_ai_chat_panel_reload_history (self, TRUE);

  return GTK_WIDGET (self);
}

static void
tandem_ai_chat_panel_dispose (GObject *object)
{
  TandemAiChatPanel *self = (TandemAiChatPanel *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->turn_cancellable != NULL)
    g_cancellable_cancel (self->turn_cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->chips_source, g_source_remove);
  g_clear_object (&self->answer);
  self->answer_view = NULL;
  self->answer_status = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_AI_TYPE_CHAT_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->conversation);
  g_clear_object (&self->store);
  g_clear_object (&self->providers);
  g_clear_object (&self->file_index);
  g_clear_object (&self->model_items);

  G_OBJECT_CLASS (tandem_ai_chat_panel_parent_class)->dispose (object);
}

static void
tandem_ai_chat_panel_finalize (GObject *object)
{
  TandemAiChatPanel *self = (TandemAiChatPanel *)object;

  g_clear_object (&self->root);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->turn_cancellable);
  g_clear_object (&self->editor_file);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->instructions, g_free);
  g_clear_pointer (&self->editor_language, g_free);
  g_clear_pointer (&self->editor_language_name, g_free);
  g_weak_ref_clear (&self->editor_buffer);

  G_OBJECT_CLASS (tandem_ai_chat_panel_parent_class)->finalize (object);
}

static void
tandem_ai_chat_panel_class_init (TandemAiChatPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_ai_chat_panel_dispose;
  object_class->finalize = tandem_ai_chat_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemide/Tandem/ai/tandem-ai-chat-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, history_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, history_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, history_list);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, transcript);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, chips);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, composer);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, usage_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, send_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAiChatPanel, stop_button);

  gtk_widget_class_install_action (widget_class, "ai.send", NULL, ai_send_action);
  gtk_widget_class_install_action (widget_class, "ai.stop", NULL, ai_stop_action);
  gtk_widget_class_install_action (widget_class, "ai.new-conversation", NULL, ai_new_conversation_action);
  gtk_widget_class_install_action (widget_class, "ai.attach-file", NULL, ai_attach_file_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aichatpanel");
}

static void
tandem_ai_chat_panel_init (TandemAiChatPanel *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->client = g_object_ref (tandem_ai_client_get_default ());
  self->providers = tandem_ai_provider_list_new (NULL);
  self->store = tandem_ai_conversation_store_new (NULL);
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)choice_free);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_ai_attachment_free);
  self->model_items = gtk_string_list_new (NULL);
  self->include_file = TRUE;
  self->include_selection = TRUE;
  g_weak_ref_init (&self->editor_buffer, NULL);

  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (self->model_items));
  g_signal_connect_object (self->model_dropdown, "notify::selected",
                           G_CALLBACK (tandem_ai_chat_panel_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->providers, "items-changed",
                           G_CALLBACK (tandem_ai_chat_panel_providers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_popover, "show",
                           G_CALLBACK (tandem_ai_chat_panel_history_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->composer), "changed",
                           G_CALLBACK (tandem_ai_chat_panel_composer_changed_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (tandem_ai_chat_panel_composer_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->composer), keys);

  tandem_ai_chat_panel_update_busy (self);
  tandem_ai_chat_panel_update_chips (self);
}
