/* tandem-search-bar.c
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

#define G_LOG_DOMAIN "tandem-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-search-bar.h"

/* Longest selection that is copied into the search entry when the bar opens. */
#define PREFILL_MAX_CHARS 256

struct _TandemSearchBar
{
  GtkWidget                parent_instance;

  /* owned */
  GtkSourceView           *view;
  GtkSourceBuffer         *buffer;
  GtkSourceSearchSettings *settings;
  GtkSourceSearchContext  *context;
  GCancellable            *cancellable;
  GSignalGroup            *buffer_signals;
  GSignalGroup            *context_signals;
  char                    *message;

  /* template children */
  GtkBox                  *box;
  GtkBox                  *search_row;
  GtkSearchEntry          *search_entry;
  GtkLabel                *status_label;
  GtkButton               *previous_button;
  GtkButton               *next_button;
  GtkToggleButton         *case_button;
  GtkToggleButton         *words_button;
  GtkToggleButton         *regex_button;
  GtkButton               *close_button;
  GtkBox                  *replace_row;
  GtkEntry                *replace_entry;
  GtkButton               *replace_button;
  GtkButton               *replace_all_button;

  guint                    replace_mode : 1;
};

G_DEFINE_FINAL_TYPE (TandemSearchBar, tandem_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_REPLACE_MODE,
  N_PROPS
};

enum {
  STOP_SEARCH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tandem_search_bar_update_actions (TandemSearchBar *self)
{
  g_autoptr(GError) regex_error = NULL;
  const char *text;
  gboolean can_search;
  gboolean can_replace;

  g_assert (TANDEM_IS_SEARCH_BAR (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (self->context != NULL)
    regex_error = gtk_source_search_context_get_regex_error (self->context);

  can_search = self->context != NULL && text[0] != '\0' && regex_error == NULL;
  can_replace = can_search &&
                self->replace_mode &&
                gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)) &&
                gtk_source_search_context_get_occurrences_count (self->context) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.next", can_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.previous", can_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.replace", can_replace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.replace-all", can_replace);
}

static void
tandem_search_bar_update_status (TandemSearchBar *self)
{
  g_autoptr(GError) regex_error = NULL;
  g_autofree char *status = NULL;
  const char *text;
  gboolean is_error = FALSE;

  g_assert (TANDEM_IS_SEARCH_BAR (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (self->context != NULL)
    regex_error = gtk_source_search_context_get_regex_error (self->context);

  if (self->context == NULL || text[0] == '\0')
    {
      status = g_strdup ("");
    }
  else if (regex_error != NULL)
    {
      status = g_strdup_printf (_("Invalid regular expression: %s"), regex_error->message);
      is_error = TRUE;
    }
  else if (self->message != NULL)
    {
      status = g_strdup (self->message);
      is_error = TRUE;
    }
  else
    {
      int count = gtk_source_search_context_get_occurrences_count (self->context);

      if (count < 0)
        {
          /* Still counting; GtkSourceSearchContext notifies when it is done. */
          status = g_strdup ("");
        }
      else if (count == 0)
        {
          status = g_strdup (_("No results"));
        }
      else
        {
          GtkTextIter begin;
          GtkTextIter end;
          int position;

          gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);
          position = gtk_source_search_context_get_occurrence_position (self->context,
                                                                        &begin, &end);
          if (position > 0)
            /* Translators: the position of the selected match and the number of matches */
            status = g_strdup_printf (_("%d of %d"), position, count);
          else
            status = g_strdup_printf (ngettext ("%d match", "%d matches", count), count);
        }
    }

  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), is_error ? status : NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }

  tandem_search_bar_update_actions (self);
}

static void
tandem_search_bar_set_message (TandemSearchBar *self,
                               const char      *message)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }

  tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_show_replace_error (TandemSearchBar *self,
                                      const GError    *error)
{
  g_autofree char *message = NULL;

  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (error != NULL);

  message = g_strdup_printf (_("Could not replace: %s"), error->message);
  tandem_search_bar_set_message (self, message);
}

static void
tandem_search_bar_select_match (TandemSearchBar   *self,
                                const GtkTextIter *begin,
                                const GtkTextIter *end)
{
  GtkTextBuffer *buffer;

  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (begin != NULL);
  g_assert (end != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_select_range (buffer, begin, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view),
                                gtk_text_buffer_get_insert (buffer),
                                0.25, FALSE, 0.0, 0.0);
  tandem_search_bar_update_status (self);
}

typedef gboolean (*SearchFinishFunc) (GtkSourceSearchContext  *context,
                                      GAsyncResult            *result,
                                      GtkTextIter             *match_start,
                                      GtkTextIter             *match_end,
                                      gboolean                *has_wrapped_around,
                                      GError                 **error);

/* Selects the match a forward or backward search found, unless the search was
 * cancelled or the buffer changed meanwhile. */
static void
tandem_search_bar_finish_search (TandemSearchBar        *self,
                                 GtkSourceSearchContext *context,
                                 GAsyncResult           *result,
                                 SearchFinishFunc        finish)
{
  g_autoptr(GError) error = NULL;
  GtkTextIter begin;
  GtkTextIter end;
  gboolean found;

  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_SOURCE_IS_SEARCH_CONTEXT (context));
  g_assert (G_IS_ASYNC_RESULT (result));
  g_assert (finish != NULL);

  found = finish (context, result, &begin, &end, NULL, &error);
  if (self->context != context || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found)
    tandem_search_bar_select_match (self, &begin, &end);
  else
    tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_forward_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(TandemSearchBar) self = user_data;

  tandem_search_bar_finish_search (self, GTK_SOURCE_SEARCH_CONTEXT (object), result,
                                   gtk_source_search_context_forward_finish);
}

static void
tandem_search_bar_backward_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(TandemSearchBar) self = user_data;

  tandem_search_bar_finish_search (self, GTK_SOURCE_SEARCH_CONTEXT (object), result,
                                   gtk_source_search_context_backward_finish);
}

static void
tandem_search_bar_restart_cancellable (TandemSearchBar *self)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Searches forward from @from, wrapping around at the end of the buffer. */
static void
tandem_search_bar_search_forward_from (TandemSearchBar   *self,
                                       const GtkTextIter *from)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (from != NULL);

  if (self->context == NULL)
    return;

  tandem_search_bar_restart_cancellable (self);
  gtk_source_search_context_forward_async (self->context,
                                           from,
                                           self->cancellable,
                                           tandem_search_bar_forward_cb,
                                           g_object_ref (self));
}

static void
tandem_search_bar_apply_search_text (TandemSearchBar *self)
{
  const char *text;

  g_assert (TANDEM_IS_SEARCH_BAR (self));

  g_clear_pointer (&self->message, g_free);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (g_strcmp0 (text, gtk_source_search_settings_get_search_text (self->settings)) != 0)
    gtk_source_search_settings_set_search_text (self->settings, text[0] != '\0' ? text : NULL);

  tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_search_entry_search_changed_cb (TandemSearchBar *self,
                                                  GtkSearchEntry  *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  tandem_search_bar_apply_search_text (self);

  /* Find as you type: move to the first match at or after the selection. */
  if (self->context != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    {
      GtkTextIter begin;
      GtkTextIter end;

      gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);
      tandem_search_bar_search_forward_from (self, &begin);
    }
}

static void
tandem_search_bar_search_entry_activate_cb (TandemSearchBar *self,
                                            GtkSearchEntry  *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  tandem_search_bar_next (self);
}

static void
tandem_search_bar_search_entry_next_match_cb (TandemSearchBar *self,
                                              GtkSearchEntry  *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  tandem_search_bar_next (self);
}

static void
tandem_search_bar_search_entry_previous_match_cb (TandemSearchBar *self,
                                                  GtkSearchEntry  *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  tandem_search_bar_previous (self);
}

static void
tandem_search_bar_search_entry_stop_search_cb (TandemSearchBar *self,
                                               GtkSearchEntry  *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  g_signal_emit (self, signals[STOP_SEARCH], 0);
}

static void
tandem_search_bar_replace_entry_activate_cb (TandemSearchBar *self,
                                             GtkEntry        *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_ENTRY (entry));

  tandem_search_bar_replace (self);
}

static void
tandem_search_bar_replace_entry_changed_cb (TandemSearchBar *self,
                                            GtkEntry        *entry)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_ENTRY (entry));

  if (self->message != NULL)
    tandem_search_bar_set_message (self, NULL);
}

static void
tandem_search_bar_settings_notify_cb (TandemSearchBar         *self,
                                      GParamSpec              *pspec,
                                      GtkSourceSearchSettings *settings)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_SOURCE_IS_SEARCH_SETTINGS (settings));

  if (self->message != NULL)
    tandem_search_bar_set_message (self, NULL);
}

static void
tandem_search_bar_buffer_mark_set_cb (TandemSearchBar   *self,
                                      const GtkTextIter *location,
                                      GtkTextMark       *mark,
                                      GtkTextBuffer     *buffer)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_IS_TEXT_MARK (mark));
  g_assert (GTK_IS_TEXT_BUFFER (buffer));

  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_context_changed_cb (TandemSearchBar        *self,
                                      GParamSpec             *pspec,
                                      GtkSourceSearchContext *context)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_SOURCE_IS_SEARCH_CONTEXT (context));

  tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_view_notify_cb (TandemSearchBar *self,
                                  GParamSpec      *pspec,
                                  GtkSourceView   *view);

static void
tandem_search_bar_reload_context (TandemSearchBar *self)
{
  GtkTextBuffer *buffer = NULL;

  g_assert (TANDEM_IS_SEARCH_BAR (self));

  g_cancellable_cancel (self->cancellable);
  g_signal_group_set_target (self->context_signals, NULL);
  g_signal_group_set_target (self->buffer_signals, NULL);
  g_clear_object (&self->context);
  g_clear_object (&self->buffer);

  if (self->view != NULL)
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));

  if (GTK_SOURCE_IS_BUFFER (buffer))
    {
      self->buffer = g_object_ref (GTK_SOURCE_BUFFER (buffer));
      self->context = gtk_source_search_context_new (self->buffer, self->settings);
      gtk_source_search_context_set_highlight (self->context,
                                               gtk_widget_get_mapped (GTK_WIDGET (self)));
      g_signal_group_set_target (self->buffer_signals, self->buffer);
      g_signal_group_set_target (self->context_signals, self->context);
    }

  tandem_search_bar_update_status (self);
}

static void
tandem_search_bar_view_notify_cb (TandemSearchBar *self,
                                  GParamSpec      *pspec,
                                  GtkSourceView   *view)
{
  g_assert (TANDEM_IS_SEARCH_BAR (self));
  g_assert (GTK_SOURCE_IS_VIEW (view));

  if (g_strcmp0 (pspec->name, "buffer") == 0)
    tandem_search_bar_reload_context (self);
  else if (g_strcmp0 (pspec->name, "editable") == 0)
    tandem_search_bar_update_actions (self);
}

static void
tandem_search_bar_next_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  tandem_search_bar_next (TANDEM_SEARCH_BAR (widget));
}

static void
tandem_search_bar_previous_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  tandem_search_bar_previous (TANDEM_SEARCH_BAR (widget));
}

static void
tandem_search_bar_replace_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  tandem_search_bar_replace (TANDEM_SEARCH_BAR (widget));
}

static void
tandem_search_bar_replace_all_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  tandem_search_bar_replace_all (TANDEM_SEARCH_BAR (widget));
}

static void
tandem_search_bar_close_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  g_signal_emit (widget, signals[STOP_SEARCH], 0);
}

static gboolean
tandem_search_bar_grab_focus (GtkWidget *widget)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
tandem_search_bar_map (GtkWidget *widget)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (widget);

  GTK_WIDGET_CLASS (tandem_search_bar_parent_class)->map (widget);

  if (self->context != NULL)
    gtk_source_search_context_set_highlight (self->context, TRUE);
}

static void
tandem_search_bar_unmap (GtkWidget *widget)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (widget);

  if (self->context != NULL)
    gtk_source_search_context_set_highlight (self->context, FALSE);

  GTK_WIDGET_CLASS (tandem_search_bar_parent_class)->unmap (widget);
}

static void
tandem_search_bar_dispose (GObject *object)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (object);

  g_cancellable_cancel (self->cancellable);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view,
                                          G_CALLBACK (tandem_search_bar_view_notify_cb),
                                          self);

  if (self->buffer_signals != NULL)
    g_signal_group_set_target (self->buffer_signals, NULL);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SEARCH_BAR);

  g_clear_object (&self->context);
  g_clear_object (&self->buffer);
  g_clear_object (&self->view);
  g_clear_object (&self->buffer_signals);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_search_bar_parent_class)->dispose (object);
}

static void
tandem_search_bar_finalize (GObject *object)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (tandem_search_bar_parent_class)->finalize (object);
}

static void
tandem_search_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    case PROP_REPLACE_MODE:
      g_value_set_boolean (value, self->replace_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_search_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TandemSearchBar *self = TANDEM_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      tandem_search_bar_set_view (self, g_value_get_object (value));
      break;

    case PROP_REPLACE_MODE:
      tandem_search_bar_set_replace_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_search_bar_class_init (TandemSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_search_bar_dispose;
  object_class->finalize = tandem_search_bar_finalize;
  object_class->get_property = tandem_search_bar_get_property;
  object_class->set_property = tandem_search_bar_set_property;

  widget_class->grab_focus = tandem_search_bar_grab_focus;
  widget_class->map = tandem_search_bar_map;
  widget_class->unmap = tandem_search_bar_unmap;

  /**
   * TandemSearchBar:view:
   *
   * The view whose buffer is searched.
   */
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         GTK_SOURCE_TYPE_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * TandemSearchBar:replace-mode:
   *
   * Whether the replace entry and buttons are shown.
   */
  properties[PROP_REPLACE_MODE] =
    g_param_spec_boolean ("replace-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemSearchBar::stop-search:
   *
   * Emitted when the user asks to close the bar (Escape or the close button).
   */
  signals[STOP_SEARCH] =
    g_signal_new ("stop-search",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/editor/tandem-search-bar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tandemsearchbar");

  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, box);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, search_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, previous_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, next_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, case_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, words_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, regex_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, close_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, replace_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, replace_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchBar, replace_all_button);

  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_search_entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_search_entry_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_replace_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_search_bar_replace_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "search.next", NULL, tandem_search_bar_next_action);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, tandem_search_bar_previous_action);
  gtk_widget_class_install_action (widget_class, "search.replace", NULL, tandem_search_bar_replace_action);
  gtk_widget_class_install_action (widget_class, "search.replace-all", NULL, tandem_search_bar_replace_all_action);
  gtk_widget_class_install_action (widget_class, "search.close", NULL, tandem_search_bar_close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, "search.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "search.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "search.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "search.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "search.close", NULL);
}

static void
tandem_search_bar_init (TandemSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->settings, TRUE);

  g_object_bind_property (self->case_button, "active",
                          self->settings, "case-sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->words_button, "active",
                          self->settings, "at-word-boundaries",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->regex_button, "active",
                          self->settings, "regex-enabled",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->buffer_signals = g_signal_group_new (GTK_TYPE_TEXT_BUFFER);
  g_signal_group_connect_object (self->buffer_signals,
                                 "mark-set",
                                 G_CALLBACK (tandem_search_bar_buffer_mark_set_cb),
                                 self,
                                 G_CONNECT_SWAPPED);

  self->context_signals = g_signal_group_new (GTK_SOURCE_TYPE_SEARCH_CONTEXT);
  g_signal_group_connect_object (self->context_signals,
                                 "notify::occurrences-count",
                                 G_CALLBACK (tandem_search_bar_context_changed_cb),
                                 self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals,
                                 "notify::regex-error",
                                 G_CALLBACK (tandem_search_bar_context_changed_cb),
                                 self,
                                 G_CONNECT_SWAPPED);

  /* A changed option invalidates a replace error shown for the old one. */
  g_signal_connect_object (self->settings, "notify",
                           G_CALLBACK (tandem_search_bar_settings_notify_cb),
                           self, G_CONNECT_SWAPPED);

  tandem_search_bar_update_status (self);
}

/**
 * tandem_search_bar_new:
 *
 * Returns: (transfer floating): a new #TandemSearchBar
 */
GtkWidget *
tandem_search_bar_new (void)
{
  return g_object_new (TANDEM_TYPE_SEARCH_BAR, NULL);
}

/**
 * tandem_search_bar_get_view:
 *
 * Returns: (transfer none) (nullable): the view searched by @self
 */
GtkSourceView *
tandem_search_bar_get_view (TandemSearchBar *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_BAR (self), NULL);

  return self->view;
}

/**
 * tandem_search_bar_set_view:
 * @self: a #TandemSearchBar
 * @view: (nullable): the view to search in
 *
 * Searches the buffer of @view, and follows @view when its buffer changes.
 */
void
tandem_search_bar_set_view (TandemSearchBar *self,
                            GtkSourceView   *view)
{
  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));
  g_return_if_fail (view == NULL || GTK_SOURCE_IS_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view,
                                          G_CALLBACK (tandem_search_bar_view_notify_cb),
                                          self);

  g_set_object (&self->view, view);

  if (view != NULL)
    {
      g_signal_connect_object (view, "notify::buffer",
                               G_CALLBACK (tandem_search_bar_view_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::editable",
                               G_CALLBACK (tandem_search_bar_view_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  tandem_search_bar_reload_context (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * tandem_search_bar_get_context:
 *
 * Returns: (transfer none) (nullable): the search context of the view's buffer
 */
GtkSourceSearchContext *
tandem_search_bar_get_context (TandemSearchBar *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_BAR (self), NULL);

  return self->context;
}

gboolean
tandem_search_bar_get_replace_mode (TandemSearchBar *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_BAR (self), FALSE);

  return self->replace_mode;
}

/**
 * tandem_search_bar_set_replace_mode:
 * @self: a #TandemSearchBar
 * @replace_mode: whether to show the replace entry
 */
void
tandem_search_bar_set_replace_mode (TandemSearchBar *self,
                                    gboolean         replace_mode)
{
  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  replace_mode = !!replace_mode;
  if (self->replace_mode == replace_mode)
    return;

  self->replace_mode = replace_mode;
  gtk_widget_set_visible (GTK_WIDGET (self->replace_row), replace_mode);
  tandem_search_bar_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACE_MODE]);
}

const char *
tandem_search_bar_get_search_text (TandemSearchBar *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/**
 * tandem_search_bar_set_search_text:
 * @self: a #TandemSearchBar
 * @text: the text to find
 *
 * Sets the text of the search entry and starts counting matches at once,
 * without the typing delay of the entry.
 */
void
tandem_search_bar_set_search_text (TandemSearchBar *self,
                                   const char      *text)
{
  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  tandem_search_bar_apply_search_text (self);
}

void
tandem_search_bar_set_replace_text (TandemSearchBar *self,
                                    const char      *text)
{
  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->replace_entry), text != NULL ? text : "");
}

/**
 * tandem_search_bar_prefill_from_selection:
 * @self: a #TandemSearchBar
 *
 * Copies the selected text of the view into the search entry when it is a
 * short piece of a single line. Does nothing otherwise.
 */
void
tandem_search_bar_prefill_from_selection (TandemSearchBar *self)
{
  g_autofree char *selected = NULL;
  GtkTextIter begin;
  GtkTextIter end;

  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  if (self->buffer == NULL ||
      !gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end) ||
      gtk_text_iter_get_line (&begin) != gtk_text_iter_get_line (&end) ||
      gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&begin) > PREFILL_MAX_CHARS)
    return;

  selected = gtk_text_iter_get_slice (&begin, &end);

  if (gtk_source_search_settings_get_regex_enabled (self->settings))
    {
      g_autofree char *escaped = g_regex_escape_string (selected, -1);

      tandem_search_bar_set_search_text (self, escaped);
    }
  else
    {
      tandem_search_bar_set_search_text (self, selected);
    }
}

/**
 * tandem_search_bar_focus_search:
 * @self: a #TandemSearchBar
 *
 * Moves the keyboard focus to the search entry and selects its text.
 */
void
tandem_search_bar_focus_search (TandemSearchBar *self)
{
  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * tandem_search_bar_get_status:
 *
 * Returns: the text of the status label, such as "3 of 17" or "No results"
 */
const char *
tandem_search_bar_get_status (TandemSearchBar *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_BAR (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/**
 * tandem_search_bar_next:
 * @self: a #TandemSearchBar
 *
 * Selects the next match after the selection, wrapping around at the end.
 */
void
tandem_search_bar_next (TandemSearchBar *self)
{
  GtkTextIter begin;
  GtkTextIter end;

  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  if (self->context == NULL)
    return;

  tandem_search_bar_apply_search_text (self);
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);
  tandem_search_bar_search_forward_from (self, &end);
}

/**
 * tandem_search_bar_previous:
 * @self: a #TandemSearchBar
 *
 * Selects the match before the selection, wrapping around at the start.
 */
void
tandem_search_bar_previous (TandemSearchBar *self)
{
  GtkTextIter begin;
  GtkTextIter end;

  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  if (self->context == NULL)
    return;

  tandem_search_bar_apply_search_text (self);
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);

  tandem_search_bar_restart_cancellable (self);
  gtk_source_search_context_backward_async (self->context,
                                            &begin,
                                            self->cancellable,
                                            tandem_search_bar_backward_cb,
                                            g_object_ref (self));
}

/**
 * tandem_search_bar_replace:
 * @self: a #TandemSearchBar
 *
 * Replaces the selected match, if the selection is one, then selects the next match.
 */
void
tandem_search_bar_replace (TandemSearchBar *self)
{
  g_autoptr(GError) error = NULL;
  const char *replace;
  GtkTextIter begin;
  GtkTextIter end;

  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  if (self->context == NULL || !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  tandem_search_bar_apply_search_text (self);

  replace = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);

  /* GtkSourceSearchContext refuses (without an error) a range that is not a match:
   * then this only moves to the next match, like most editors do. */
  if (!gtk_source_search_context_replace (self->context, &begin, &end, replace, -1, &error) &&
      error != NULL)
    {
      tandem_search_bar_show_replace_error (self, error);
      return;
    }

  tandem_search_bar_search_forward_from (self, &end);
}

/**
 * tandem_search_bar_replace_all:
 * @self: a #TandemSearchBar
 *
 * Replaces every match in the buffer, as one undoable action.
 */
void
tandem_search_bar_replace_all (TandemSearchBar *self)
{
  g_autoptr(GError) error = NULL;
  const char *replace;

  g_return_if_fail (TANDEM_IS_SEARCH_BAR (self));

  if (self->context == NULL || !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  tandem_search_bar_apply_search_text (self);
  tandem_search_bar_restart_cancellable (self);

  replace = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  gtk_source_search_context_replace_all (self->context, replace, -1, &error);

  if (error != NULL)
    {
      tandem_search_bar_show_replace_error (self, error);
      return;
    }

  tandem_search_bar_update_status (self);
}
