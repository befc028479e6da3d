/* tandem-editor-page.c
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

#define G_LOG_DOMAIN "tandem-editor-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-document.h"
#include "tandem-editor-page.h"
#include "tandem-font.h"
#include "tandem-search-bar.h"


struct _TandemEditorPage
{
  GtkWidget                 parent_instance;

  /* owned */
  TandemDocument           *document;
  GSettings                *settings;
  GSettings                *desktop_settings;
  GtkCssProvider           *font_provider;
  GtkSourceCompletionWords *words;
  GCancellable             *cancellable;
  GError                   *error;
  GtkTextBuffer            *loading_buffer;
  guint                     attach_source;

  /* template children */
  GtkStack                 *stack;
  GtkBox                   *editor_box;
  GtkRevealer              *banner_revealer;
  GtkBox                   *banner;
  GtkLabel                 *banner_label;
  GtkButton                *reload_button;
  GtkButton                *keep_button;
  GtkRevealer              *search_revealer;
  TandemSearchBar          *search_bar;
  GtkOverlay               *overlay;
  GtkScrolledWindow        *scroller;
  GtkSourceView            *view;
  GtkProgressBar           *progress_bar;
  GtkRevealer              *goto_revealer;
  GtkBox                   *goto_box;
  GtkEntry                 *goto_entry;
  GtkLabel                 *goto_message;
  AdwStatusPage            *status_page;

  guint                     reloading : 1;
};

G_DEFINE_FINAL_TYPE (TandemEditorPage, tandem_editor_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tandem_editor_page_update_actions (TandemEditorPage *self)
{
  gboolean usable;
  gboolean search_open;
  gboolean modified_on_disk;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  usable = self->error == NULL;
  search_open = gtk_revealer_get_reveal_child (self->search_revealer);
  modified_on_disk = usable &&
                     !self->reloading &&
                     !tandem_document_get_loading (self->document) &&
                     tandem_document_get_externally_modified (self->document) &&
                     !tandem_document_get_deleted (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.find", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.replace", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.find-next", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.find-previous", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.hide-search", usable && search_open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.goto-line", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.hide-goto-line",
                                 gtk_revealer_get_reveal_child (self->goto_revealer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.reload", modified_on_disk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.keep-mine", modified_on_disk);
}

/* The banner reflects the state of the file on disk: changed, or deleted. */
static void
tandem_editor_page_update_banner (TandemEditorPage *self)
{
  gboolean deleted;
  gboolean changed;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  deleted = tandem_document_get_deleted (self->document);
  changed = tandem_document_get_externally_modified (self->document);

  if (self->error != NULL || tandem_document_get_loading (self->document) || (!deleted && !changed))
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }
  else if (deleted)
    {
      gtk_label_set_label (self->banner_label,
                           _("The file was deleted on disk. Save to recreate it."));
      gtk_widget_set_visible (GTK_WIDGET (self->reload_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->keep_button), FALSE);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else
    {
      gtk_label_set_label (self->banner_label, _("The file was changed on disk."));
      gtk_widget_set_visible (GTK_WIDGET (self->reload_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->keep_button), TRUE);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }

  tandem_editor_page_update_actions (self);
}

/* Gives the view the document's buffer (see tandem_editor_page_update_loading()). */
static void
tandem_editor_page_attach_document (TandemEditorPage *self)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  g_clear_handle_id (&self->attach_source, g_source_remove);

  if (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)) != GTK_TEXT_BUFFER (self->document))
    gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->document));
  g_clear_object (&self->loading_buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), self->error == NULL);
}

static gboolean
tandem_editor_page_attach_idle (gpointer data)
{
  TandemEditorPage *self = data;

  self->attach_source = 0;
  if (!tandem_document_get_loading (self->document))
    tandem_editor_page_attach_document (self);

  return G_SOURCE_REMOVE;
}

static void
tandem_editor_page_update_loading (TandemEditorPage *self)
{
  gboolean loading;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  loading = tandem_document_get_loading (self->document);

  /* GtkTextView re-lays out after every chunk the loader inserts: a 10 MB file takes
   * seconds that way. Show an empty buffer while loading and attach the document once,
   * when it is complete, in a main loop iteration of its own (laying out a large file
   * costs tens of milliseconds; it must not add up with the end of the load). */
  if (loading && gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)) == GTK_TEXT_BUFFER (self->document))
    {
      if (self->loading_buffer == NULL)
        self->loading_buffer = GTK_TEXT_BUFFER (gtk_source_buffer_new (NULL));
      gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), self->loading_buffer);
    }
  else if (!loading && self->loading_buffer != NULL && self->attach_source == 0)
    {
      self->attach_source = g_idle_add_full (G_PRIORITY_DEFAULT, tandem_editor_page_attach_idle,
                                             self, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 CLAMP (tandem_document_get_progress (self->document), 0.0, 1.0));
  /* Keys typed before the document is attached would land in the empty loading buffer. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view),
                              !loading && self->error == NULL && self->loading_buffer == NULL);

  tandem_editor_page_update_banner (self);
}

/* Word completion scans the whole buffer: it is left off for large files. */
static void
tandem_editor_page_update_completion (TandemEditorPage *self)
{
  GtkSourceCompletion *completion;
  gboolean wanted;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  wanted = !tandem_document_get_is_large (self->document) && self->error == NULL;
  completion = gtk_source_view_get_completion (self->view);

  if (wanted && self->words == NULL)
    {
      self->words = gtk_source_completion_words_new (_("Words"));
      gtk_source_completion_words_register (self->words, GTK_TEXT_BUFFER (self->document));
      gtk_source_completion_add_provider (completion, GTK_SOURCE_COMPLETION_PROVIDER (self->words));
    }
  else if (!wanted && self->words != NULL)
    {
      gtk_source_completion_remove_provider (completion, GTK_SOURCE_COMPLETION_PROVIDER (self->words));
      gtk_source_completion_words_unregister (self->words, GTK_TEXT_BUFFER (self->document));
      g_clear_object (&self->words);
    }
}

static void
tandem_editor_page_document_notify_cb (TandemEditorPage *self,
                                       GParamSpec       *pspec,
                                       TandemDocument   *document)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (TANDEM_IS_DOCUMENT (document));

  if (g_strcmp0 (pspec->name, "loading") == 0 || g_strcmp0 (pspec->name, "progress") == 0)
    tandem_editor_page_update_loading (self);
  else if (g_strcmp0 (pspec->name, "externally-modified") == 0 ||
           g_strcmp0 (pspec->name, "deleted") == 0)
    tandem_editor_page_update_banner (self);
  else if (g_strcmp0 (pspec->name, "is-large") == 0)
    tandem_editor_page_update_completion (self);
}

/* Finds the scheme to use: the "-dark" (or "-light" → "-dark") variant of @id in
 * dark mode when there is one, @id itself otherwise, and Adwaita when @id is unknown. */
static GtkSourceStyleScheme *
tandem_editor_page_find_scheme (const char *id,
                                gboolean    dark)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme = NULL;

  if (dark)
    {
      g_autofree char *dark_id = NULL;

      if (g_str_has_suffix (id, "-dark"))
        dark_id = g_strdup (id);
      else if (g_str_has_suffix (id, "-light"))
        dark_id = g_strdup_printf ("%.*s-dark", (int)(strlen (id) - strlen ("-light")), id);
      else
        dark_id = g_strdup_printf ("%s-dark", id);

      scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark_id);
    }

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");

  return scheme;
}

static void
tandem_editor_page_update_style_scheme (TandemEditorPage *self)
{
  g_autofree char *id = NULL;
  GtkSourceStyleScheme *scheme;
  gboolean dark;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  id = g_settings_get_string (self->settings, "style-scheme");
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  scheme = tandem_editor_page_find_scheme (id, dark);

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->document), scheme);
}

static void
tandem_editor_page_style_manager_notify_dark_cb (TandemEditorPage *self,
                                                 GParamSpec       *pspec,
                                                 AdwStyleManager  *manager)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (ADW_IS_STYLE_MANAGER (manager));

  tandem_editor_page_update_style_scheme (self);
}

static void
append_css_string (GString    *css,
                   const char *value)
{
  g_string_append_c (css, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

static char *
font_description_to_css (const PangoFontDescription *desc)
{
  PangoFontMask mask = pango_font_description_get_set_fields (desc);
  GString *css = g_string_new ("textview {");

  if (mask & PANGO_FONT_MASK_FAMILY)
    {
      g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);
      gboolean first = TRUE;

      g_string_append (css, " font-family:");
      for (guint i = 0; families[i] != NULL; i++)
        {
          g_strstrip (families[i]);
          if (families[i][0] == '\0')
            continue;
          g_string_append (css, first ? " " : ", ");
          append_css_string (css, families[i]);
          first = FALSE;
        }
      g_string_append (css, first ? " monospace;" : ", monospace;");
    }

  if (mask & PANGO_FONT_MASK_SIZE)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];
      double value = (double)pango_font_description_get_size (desc) / PANGO_SCALE;

      if (value > 0)
        {
          g_ascii_dtostr (size, sizeof size, value);
          g_string_append_printf (css, " font-size: %s%s;", size,
                                  pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
        }
    }

  if (mask & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, " font-weight: %d;", (int)pango_font_description_get_weight (desc));

  if (mask & PANGO_FONT_MASK_STYLE)
    {
      switch (pango_font_description_get_style (desc))
        {
        case PANGO_STYLE_ITALIC:
          g_string_append (css, " font-style: italic;");
          break;

        case PANGO_STYLE_OBLIQUE:
          g_string_append (css, " font-style: oblique;");
          break;

        case PANGO_STYLE_NORMAL:
        default:
          g_string_append (css, " font-style: normal;");
          break;
        }
    }

  g_string_append (css, " }");

  return g_string_free (css, FALSE);
}

static void
tandem_editor_page_update_font (TandemEditorPage *self)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  g_autofree char *font = NULL;
  g_autofree char *css = NULL;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  font = tandem_font_dup_monospace (self->settings, self->desktop_settings);

  desc = pango_font_description_from_string (font);
  css = font_description_to_css (desc);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);
}

static void
tandem_editor_page_settings_changed_cb (TandemEditorPage *self,
                                        const char       *key,
                                        GSettings        *settings)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (G_IS_SETTINGS (settings));

  if (g_strcmp0 (key, "style-scheme") == 0)
    tandem_editor_page_update_style_scheme (self);
  else if (g_strcmp0 (key, "use-system-font") == 0 ||
           g_strcmp0 (key, "custom-font") == 0 ||
           g_strcmp0 (key, TANDEM_SYSTEM_FONT_KEY) == 0)
    tandem_editor_page_update_font (self);
}

static gboolean
wrap_lines_to_wrap_mode (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  g_value_set_enum (value, g_variant_get_boolean (variant) ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
  return TRUE;
}

static void
tandem_editor_page_reload_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  TandemDocument *document = TANDEM_DOCUMENT (object);
  g_autoptr(TandemEditorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_DOCUMENT (document));
  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  if (!tandem_document_load_finish (document, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->document == NULL)
        return;

      self->reloading = FALSE;
      tandem_editor_page_show_error (self, error);
      return;
    }

  self->reloading = FALSE;
  if (self->document != NULL)
    tandem_editor_page_update_loading (self);
}

static void
tandem_editor_page_reload_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (widget);

  self->reloading = TRUE;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  tandem_editor_page_update_actions (self);

  tandem_document_load_async (self->document,
                              self->cancellable,
                              tandem_editor_page_reload_cb,
                              g_object_ref (self));
}

static void
tandem_editor_page_keep_mine_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (widget);

  tandem_document_keep_mine (self->document);
  tandem_editor_page_update_banner (self);
}

static void
tandem_editor_page_find_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  tandem_editor_page_show_search (TANDEM_EDITOR_PAGE (widget),
                                  g_strcmp0 (action_name, "page.replace") == 0);
}

static void
tandem_editor_page_hide_search_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  tandem_editor_page_hide_search (TANDEM_EDITOR_PAGE (widget));
}

static void
tandem_editor_page_find_next_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (widget);

  /* Without a search text there is nothing to repeat: open the bar instead. */
  if (tandem_search_bar_get_search_text (self->search_bar)[0] == '\0')
    tandem_editor_page_show_search (self, FALSE);
  else if (g_strcmp0 (action_name, "page.find-previous") == 0)
    tandem_search_bar_previous (self->search_bar);
  else
    tandem_search_bar_next (self->search_bar);
}

static void
tandem_editor_page_goto_line_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  tandem_editor_page_show_goto_line (TANDEM_EDITOR_PAGE (widget));
}

static void
tandem_editor_page_hide_goto_line (TandemEditorPage *self)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  gtk_revealer_set_reveal_child (self->goto_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->goto_message), FALSE);
  tandem_editor_page_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
tandem_editor_page_hide_goto_line_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  tandem_editor_page_hide_goto_line (TANDEM_EDITOR_PAGE (widget));
}

static void
tandem_editor_page_search_bar_stop_search_cb (TandemEditorPage *self,
                                              TandemSearchBar  *search_bar)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (TANDEM_IS_SEARCH_BAR (search_bar));

  tandem_editor_page_hide_search (self);
}

static void
tandem_editor_page_goto_show_message (TandemEditorPage *self,
                                      const char       *message)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));

  gtk_label_set_label (self->goto_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->goto_message), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->goto_entry), "error");
}

/* Parses "LINE" or "LINE:COLUMN", both counted from 1. */
static gboolean
parse_line_column (const char *text,
                   guint64    *line,
                   guint64    *column)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  parts = g_strsplit (text, ":", -1);
  n_parts = g_strv_length (parts);
  if (n_parts < 1 || n_parts > 2)
    return FALSE;

  g_strstrip (parts[0]);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, line, NULL))
    return FALSE;

  *column = 1;
  if (n_parts == 2)
    {
      g_strstrip (parts[1]);
      if (!g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, column, NULL))
        return FALSE;
    }

  return TRUE;
}

static void
tandem_editor_page_goto_entry_activate_cb (TandemEditorPage *self,
                                           GtkEntry         *entry)
{
  guint64 line;
  guint64 column;
  guint n_lines;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (GTK_IS_ENTRY (entry));

  if (!parse_line_column (gtk_editable_get_text (GTK_EDITABLE (entry)), &line, &column))
    {
      tandem_editor_page_goto_show_message (self,
                                            _("Type a line number, or a line and a column like 12:5."));
      return;
    }

  n_lines = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->document));
  if (line > n_lines)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("There is only %u line.",
                                           "There are only %u lines.",
                                           n_lines),
                                 n_lines);
      tandem_editor_page_goto_show_message (self, message);
      return;
    }

  tandem_editor_page_goto (self, line - 1, column - 1);
  tandem_editor_page_hide_goto_line (self);
}

static void
tandem_editor_page_goto_entry_changed_cb (TandemEditorPage *self,
                                          GtkEntry         *entry)
{
  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (GTK_IS_ENTRY (entry));

  gtk_widget_set_visible (GTK_WIDGET (self->goto_message), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static gboolean
tandem_editor_page_grab_focus (GtkWidget *widget)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (widget);

  if (self->error != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->status_page));

  return gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
tandem_editor_page_set_document (TandemEditorPage *self,
                                 TandemDocument   *document)
{
  static const char * const document_properties[] = {
    "loading", "progress", "externally-modified", "deleted", "is-large",
  };
  AdwStyleManager *style_manager;

  g_assert (TANDEM_IS_EDITOR_PAGE (self));
  g_assert (TANDEM_IS_DOCUMENT (document));
  g_assert (self->document == NULL);

  self->document = g_object_ref (document);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (document));
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (document), TRUE);
  tandem_search_bar_set_view (self->search_bar, self->view);

  for (guint i = 0; i < G_N_ELEMENTS (document_properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", document_properties[i], NULL);

      g_signal_connect_object (document, signal,
                               G_CALLBACK (tandem_editor_page_document_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  style_manager = adw_style_manager_get_default ();
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (tandem_editor_page_style_manager_notify_dark_cb),
                           self, G_CONNECT_SWAPPED);

  tandem_editor_page_update_style_scheme (self);
  tandem_editor_page_update_completion (self);
  tandem_editor_page_update_loading (self);
}

static void
tandem_editor_page_constructed (GObject *object)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (object);

  G_OBJECT_CLASS (tandem_editor_page_parent_class)->constructed (object);

  g_return_if_fail (self->document != NULL);
}

static void
tandem_editor_page_dispose (GObject *object)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  /* The document and the style manager outlive the page: stop listening now, not
   * at finalize, in case a pending reload keeps the page alive a little longer. */
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (),
                                        G_CALLBACK (tandem_editor_page_style_manager_notify_dark_cb),
                                        self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document,
                                          G_CALLBACK (tandem_editor_page_document_notify_cb),
                                          self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings,
                                          G_CALLBACK (tandem_editor_page_settings_changed_cb),
                                          self);
  if (self->desktop_settings != NULL)
    g_signal_handlers_disconnect_by_func (self->desktop_settings,
                                          G_CALLBACK (tandem_editor_page_settings_changed_cb),
                                          self);

  if (self->words != NULL && self->document != NULL)
    {
      gtk_source_completion_remove_provider (gtk_source_view_get_completion (self->view),
                                             GTK_SOURCE_COMPLETION_PROVIDER (self->words));
      gtk_source_completion_words_unregister (self->words, GTK_TEXT_BUFFER (self->document));
    }
  g_clear_object (&self->words);

  if (self->view != NULL && self->font_provider != NULL)
    gtk_style_context_remove_provider (gtk_widget_get_style_context (GTK_WIDGET (self->view)),
                                       GTK_STYLE_PROVIDER (self->font_provider));

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_EDITOR_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->desktop_settings);
  g_clear_object (&self->font_provider);
  g_clear_handle_id (&self->attach_source, g_source_remove);
  g_clear_object (&self->loading_buffer);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_editor_page_parent_class)->dispose (object);
}

static void
tandem_editor_page_finalize (GObject *object)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (tandem_editor_page_parent_class)->finalize (object);
}

static void
tandem_editor_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_editor_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TandemEditorPage *self = TANDEM_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      tandem_editor_page_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_editor_page_class_init (TandemEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_editor_page_constructed;
  object_class->dispose = tandem_editor_page_dispose;
  object_class->finalize = tandem_editor_page_finalize;
  object_class->get_property = tandem_editor_page_get_property;
  object_class->set_property = tandem_editor_page_set_property;

  widget_class->grab_focus = tandem_editor_page_grab_focus;

  /**
   * TandemEditorPage:document:
   *
   * The document shown by the page.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         TANDEM_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TANDEM_TYPE_SEARCH_BAR);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/editor/tandem-editor-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "editorpage");

  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, banner);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, reload_button);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, keep_button);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, view);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, goto_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, goto_box);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, goto_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, goto_message);
  gtk_widget_class_bind_template_child (widget_class, TandemEditorPage, status_page);

  gtk_widget_class_bind_template_callback (widget_class, tandem_editor_page_search_bar_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_editor_page_goto_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_editor_page_goto_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "page.find", NULL, tandem_editor_page_find_action);
  gtk_widget_class_install_action (widget_class, "page.replace", NULL, tandem_editor_page_find_action);
  gtk_widget_class_install_action (widget_class, "page.hide-search", NULL, tandem_editor_page_hide_search_action);
  gtk_widget_class_install_action (widget_class, "page.find-next", NULL, tandem_editor_page_find_next_action);
  gtk_widget_class_install_action (widget_class, "page.find-previous", NULL, tandem_editor_page_find_next_action);
  gtk_widget_class_install_action (widget_class, "page.goto-line", NULL, tandem_editor_page_goto_line_action);
  gtk_widget_class_install_action (widget_class, "page.hide-goto-line", NULL, tandem_editor_page_hide_goto_line_action);
  gtk_widget_class_install_action (widget_class, "page.reload", NULL, tandem_editor_page_reload_action);
  gtk_widget_class_install_action (widget_class, "page.keep-mine", NULL, tandem_editor_page_keep_mine_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "page.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "page.goto-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "page.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "page.hide-search", NULL);
}

static void
tandem_editor_page_init (TandemEditorPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SCHEMA_ID);

  self->desktop_settings = tandem_font_new_desktop_settings ();
  if (self->desktop_settings != NULL)
    {
      g_signal_connect_object (self->desktop_settings, "changed::" TANDEM_SYSTEM_FONT_KEY,
                               G_CALLBACK (tandem_editor_page_settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->view)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_settings_bind (self->settings, "show-line-numbers",
                   self->view, "show-line-numbers", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "highlight-current-line",
                   self->view, "highlight-current-line", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "tab-width",
                   self->view, "tab-width", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "insert-spaces",
                   self->view, "insert-spaces-instead-of-tabs", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-right-margin",
                   self->view, "show-right-margin", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "right-margin-position",
                   self->view, "right-margin-position", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "wrap-lines",
                                self->view, "wrap-mode", G_SETTINGS_BIND_GET,
                                wrap_lines_to_wrap_mode, NULL, NULL, NULL);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (tandem_editor_page_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("page.hide-goto-line")));
  gtk_widget_add_controller (GTK_WIDGET (self->goto_entry), shortcuts);

  tandem_editor_page_update_font (self);
}

/**
 * tandem_editor_page_new:
 * @document: the document to show
 *
 * Returns: (transfer floating): a new #TandemEditorPage
 */
TandemEditorPage *
tandem_editor_page_new (TandemDocument *document)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT (document), NULL);

  return g_object_new (TANDEM_TYPE_EDITOR_PAGE,
                       "document", document,
                       NULL);
}

/**
 * tandem_editor_page_get_document:
 *
 * Returns: (transfer none): the document shown by @self
 */
TandemDocument *
tandem_editor_page_get_document (TandemEditorPage *self)
{
  g_return_val_if_fail (TANDEM_IS_EDITOR_PAGE (self), NULL);

  return self->document;
}

/**
 * tandem_editor_page_get_view:
 *
 * Returns: (transfer none): the source view of @self
 */
GtkSourceView *
tandem_editor_page_get_view (TandemEditorPage *self)
{
  g_return_val_if_fail (TANDEM_IS_EDITOR_PAGE (self), NULL);

  return self->view;
}

/**
 * tandem_editor_page_get_search_bar:
 *
 * Returns: (transfer none): the find and replace bar of @self
 */
TandemSearchBar *
tandem_editor_page_get_search_bar (TandemEditorPage *self)
{
  g_return_val_if_fail (TANDEM_IS_EDITOR_PAGE (self), NULL);

  return self->search_bar;
}

/**
 * tandem_editor_page_show_search:
 * @self: a #TandemEditorPage
 * @replace: whether to show the replace entry too
 *
 * Opens the find bar with the selected text, if any, and focuses it.
 */
void
tandem_editor_page_show_search (TandemEditorPage *self,
                                gboolean          replace)
{
  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  if (self->error != NULL)
    return;

  if (!tandem_document_get_loading (self->document))
    tandem_editor_page_attach_document (self);
  tandem_search_bar_set_replace_mode (self->search_bar, replace);
  tandem_search_bar_prefill_from_selection (self->search_bar);
  gtk_revealer_set_reveal_child (self->search_revealer, TRUE);
  tandem_search_bar_focus_search (self->search_bar);

  tandem_editor_page_update_actions (self);
}

/**
 * tandem_editor_page_hide_search:
 * @self: a #TandemEditorPage
 *
 * Closes the find bar and gives the focus back to the text.
 */
void
tandem_editor_page_hide_search (TandemEditorPage *self)
{
  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  if (!gtk_revealer_get_reveal_child (self->search_revealer))
    return;

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  tandem_editor_page_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/**
 * tandem_editor_page_show_goto_line:
 * @self: a #TandemEditorPage
 *
 * Shows the "Line[:Column]" entry.
 */
void
tandem_editor_page_show_goto_line (TandemEditorPage *self)
{
  guint line;
  guint line_offset;
  g_autofree char *current = NULL;

  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  if (self->error != NULL)
    return;

  tandem_editor_page_get_cursor (self, &line, &line_offset);
  current = g_strdup_printf ("%u", line + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->goto_entry), current);

  gtk_revealer_set_reveal_child (self->goto_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->goto_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->goto_entry), 0, -1);

  tandem_editor_page_update_actions (self);
}

/**
 * tandem_editor_page_goto:
 * @self: a #TandemEditorPage
 * @line: a line, counted from 0
 * @line_offset: a character offset in @line, counted from 0
 *
 * Moves the cursor to @line and @line_offset, or as close as the text allows,
 * and scrolls it into view.
 */
void
tandem_editor_page_goto (TandemEditorPage *self,
                         guint             line,
                         guint             line_offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  buffer = GTK_TEXT_BUFFER (self->document);

  if (line >= (guint)gtk_text_buffer_get_line_count (buffer))
    {
      gtk_text_buffer_get_end_iter (buffer, &iter);
    }
  else
    {
      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
      if (!gtk_text_iter_ends_line (&iter))
        {
          GtkTextIter line_end = iter;

          gtk_text_iter_forward_to_line_end (&line_end);
          if (line_offset >= (guint)gtk_text_iter_get_line_offset (&line_end))
            iter = line_end;
          else
            gtk_text_iter_set_line_offset (&iter, line_offset);
        }
    }

  gtk_text_buffer_select_range (buffer, &iter, &iter);
  if (tandem_document_get_loading (self->document))
    return;

  tandem_editor_page_attach_document (self);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view),
                                gtk_text_buffer_get_insert (buffer),
                                0.25, FALSE, 0.0, 0.0);
}

/**
 * tandem_editor_page_get_cursor:
 * @self: a #TandemEditorPage
 * @line: (out) (optional): the line of the cursor, counted from 0
 * @line_offset: (out) (optional): the character offset of the cursor in its line
 */
void
tandem_editor_page_get_cursor (TandemEditorPage *self,
                               guint            *line,
                               guint            *line_offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  buffer = GTK_TEXT_BUFFER (self->document);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  if (line != NULL)
    *line = gtk_text_iter_get_line (&iter);
  if (line_offset != NULL)
    *line_offset = gtk_text_iter_get_line_offset (&iter);
}

/**
 * tandem_editor_page_show_error:
 * @self: a #TandemEditorPage
 * @error: (nullable): why the document could not be loaded, or %NULL to show the text again
 *
 * Replaces the text with a page that explains why the file cannot be shown.
 * The text cannot be edited while the error is shown.
 */
void
tandem_editor_page_show_error (TandemEditorPage *self,
                               const GError     *error)
{
  const char *title;
  const char *icon_name = "dialog-error-symbolic";

  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (self));

  g_clear_error (&self->error);

  if (error == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "editor");
      tandem_editor_page_update_loading (self);
      tandem_editor_page_update_completion (self);
      return;
    }

  self->error = g_error_copy (error);

  if (g_error_matches (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_BINARY))
    {
      title = _("This File Is Not Text");
      icon_name = "dialog-warning-symbolic";
    }
  else if (g_error_matches (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_ENCODING))
    {
      title = _("Unknown Character Encoding");
      icon_name = "dialog-warning-symbolic";
    }
  else if (g_error_matches (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_TOO_LARGE))
    {
      title = _("This File Is Too Large");
    }
  else if (g_error_matches (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_NOT_REGULAR))
    {
      title = _("This Is Not a Regular File");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      title = _("Permission Denied");
      icon_name = "changes-prevent-symbolic";
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      title = _("File Not Found");
    }
  else
    {
      title = _("Could Not Open the File");
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, error->message);
  adw_status_page_set_icon_name (self->status_page, icon_name);
  gtk_stack_set_visible_child_name (self->stack, "error");

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->goto_revealer, FALSE);

  tandem_editor_page_update_loading (self);
  tandem_editor_page_update_completion (self);
}

/**
 * tandem_editor_page_get_error:
 *
 * Returns: (transfer none) (nullable): the load error shown by @self; a page that
 *   shows an error has an empty buffer that must not be saved
 */
const GError *
tandem_editor_page_get_error (TandemEditorPage *self)
{
  g_return_val_if_fail (TANDEM_IS_EDITOR_PAGE (self), NULL);

  return self->error;
}
