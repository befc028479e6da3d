/* tandem-quick-open.c
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

#define G_LOG_DOMAIN "tandem-quick-open"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-fuzzy.h"
#include "tandem-quick-open.h"

/* Ctrl+P: a modal list of the project's files filtered with the fuzzy matcher while the
 * user types. The file index lists the project again each time the window opens, and
 * every query runs on a worker thread; a newer keystroke cancels the older query. */

#define MAX_RESULTS 200

struct _TandemQuickOpen
{
  GtkWindow           parent_instance;

  TandemFileIndex    *index;
  GtkStringList      *results;
  GtkSingleSelection *selection;
  GCancellable       *query_cancellable;
  GCancellable       *cancellable;
  char               *query;

  /* Template children */
  GtkSearchEntry     *entry;
  GtkListView        *list_view;
  GtkStack           *stack;
  AdwStatusPage      *status;

  guint               indexed : 1;
};

enum {
  FILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemQuickOpen, tandem_quick_open, GTK_TYPE_WINDOW)

static void tandem_quick_open_run_query (TandemQuickOpen *self);

static char *
highlight_markup (const char *query,
                  const char *path)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GString) markup = g_string_new (NULL);
  guint next = 0;

  for (const char *p = query; *p; p++)
    if (*p != ' ')
      g_string_append_c (compact, *p);

  if (tandem_fuzzy_score (compact->str, path, positions) < 0)
    g_array_set_size (positions, 0);

  for (guint i = 0; path[i]; i++)
    {
      char c[2] = { path[i], '\0' };
      g_autofree char *escaped = g_markup_escape_text (c, 1);
      gboolean matched = next < positions->len && g_array_index (positions, guint, next) == i;

      if (matched)
        {
          g_string_append_printf (markup, "<b>%s</b>", escaped);
          next++;
        }
      else
        g_string_append (markup, escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
tandem_quick_open_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
tandem_quick_open_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           TandemQuickOpen          *self)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  g_autofree char *markup = highlight_markup (self->query ? self->query : "",
                                              gtk_string_object_get_string (string));

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup);
}

static void
tandem_quick_open_choose (TandemQuickOpen *self,
                          guint            position)
{
  g_autoptr(GtkStringObject) string = NULL;
  g_autoptr(GFile) file = NULL;

  string = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (string == NULL)
    return;

  file = g_file_resolve_relative_path (tandem_file_index_get_root (self->index),
                                       gtk_string_object_get_string (string));
  g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
tandem_quick_open_activate_selected (TandemQuickOpen *self)
{
  guint position;

  g_return_val_if_fail (TANDEM_IS_QUICK_OPEN (self), FALSE);

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  tandem_quick_open_choose (self, position);
  return TRUE;
}

static void
tandem_quick_open_list_activate_cb (TandemQuickOpen *self,
                                    guint            position,
                                    GtkListView     *list_view)
{
  tandem_quick_open_choose (self, position);
}

static void
tandem_quick_open_query_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(TandemQuickOpen) self = user_data;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  matches = tandem_file_index_query_finish (TANDEM_FILE_INDEX (object), result, &error);
  if (matches == NULL)
    return;

  for (guint i = 0; i < matches->len; i++)
    g_strv_builder_add (builder, ((TandemFileMatch *)g_ptr_array_index (matches, i))->path);
  paths = g_strv_builder_end (builder);

  gtk_string_list_splice (self->results, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                          (const char * const *)paths);
  gtk_single_selection_set_selected (self->selection, matches->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->stack, matches->len > 0 ? "results" : "empty");
}

static void
tandem_quick_open_run_query (TandemQuickOpen *self)
{
  if (!self->indexed)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  tandem_file_index_query_async (self->index, self->query ? self->query : "", MAX_RESULTS,
                                 self->query_cancellable, tandem_quick_open_query_cb,
                                 g_object_ref (self));
}

void
tandem_quick_open_set_query (TandemQuickOpen *self,
                             const char      *query)
{
  g_return_if_fail (TANDEM_IS_QUICK_OPEN (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
}

static void
tandem_quick_open_search_changed_cb (TandemQuickOpen *self,
                                     GtkSearchEntry  *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  tandem_quick_open_run_query (self);
}

static void
tandem_quick_open_move (TandemQuickOpen *self,
                        int              delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else
    position = (guint)CLAMP ((int)position + delta, 0, (int)n - 1);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static gboolean
tandem_quick_open_key_pressed_cb (TandemQuickOpen       *self,
                                  guint                  keyval,
                                  guint                  keycode,
                                  GdkModifierType        state,
                                  GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      tandem_quick_open_move (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      tandem_quick_open_move (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Down:
      tandem_quick_open_move (self, 10);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Up:
      tandem_quick_open_move (self, -10);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
tandem_quick_open_entry_activate_cb (TandemQuickOpen *self,
                                     GtkSearchEntry  *entry)
{
  tandem_quick_open_activate_selected (self);
}

static void
tandem_quick_open_refreshed_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemQuickOpen) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_file_index_refresh_finish (TANDEM_FILE_INDEX (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->status, _("The Project Could Not Be Listed"));
          adw_status_page_set_description (self->status, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      return;
    }

  self->indexed = TRUE;
  tandem_quick_open_run_query (self);
}

/**
 * tandem_quick_open_new:
 * @parent: the project window
 * @index: the project's file index
 *
 * Returns: (transfer none): a new quick open window; it emits "file-chosen" and closes
 */
TandemQuickOpen *
tandem_quick_open_new (GtkWindow       *parent,
                       TandemFileIndex *index)
{
  TandemQuickOpen *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_FILE_INDEX (index), NULL);

  self = g_object_new (TANDEM_TYPE_QUICK_OPEN,
                       "transient-for", parent,
                       NULL);
  self->index = g_object_ref (index);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry));
  tandem_file_index_refresh_async (index, self->cancellable, tandem_quick_open_refreshed_cb,
                                   g_object_ref (self));

  return self;
}

GListModel *
tandem_quick_open_get_results (TandemQuickOpen *self)
{
  g_return_val_if_fail (TANDEM_IS_QUICK_OPEN (self), NULL);

  return G_LIST_MODEL (self->results);
}

static void
tandem_quick_open_dispose (GObject *object)
{
  TandemQuickOpen *self = (TandemQuickOpen *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->query_cancellable);
  /* A toplevel destroys its own widget tree; the template pointers are not used after. */
  g_clear_object (&self->selection);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (tandem_quick_open_parent_class)->dispose (object);
}

static void
tandem_quick_open_finalize (GObject *object)
{
  TandemQuickOpen *self = (TandemQuickOpen *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (tandem_quick_open_parent_class)->finalize (object);
}

static void
tandem_quick_open_class_init (TandemQuickOpenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_quick_open_dispose;
  object_class->finalize = tandem_quick_open_finalize;

  /**
   * TandemQuickOpen::file-chosen:
   * @file: the chosen file
   */
  signals[FILE_CHOSEN] =
    g_signal_new ("file-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/project/tandem-quick-open.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemQuickOpen, entry);
  gtk_widget_class_bind_template_child (widget_class, TandemQuickOpen, list_view);
  gtk_widget_class_bind_template_child (widget_class, TandemQuickOpen, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemQuickOpen, status);
}

static void
tandem_quick_open_init (TandemQuickOpen *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->results = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->results));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (tandem_quick_open_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (tandem_quick_open_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->entry, "search-changed",
                           G_CALLBACK (tandem_quick_open_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate",
                           G_CALLBACK (tandem_quick_open_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (tandem_quick_open_list_activate_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (tandem_quick_open_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
