/* tandem-file-tree-panel.c
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

#define G_LOG_DOMAIN "tandem-file-tree-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-file-item.h"
#include "tandem-file-ops.h"
#include "tandem-file-tree-panel.h"

typedef enum
{
  EDITOR_NEW_FILE,
  EDITOR_NEW_FOLDER,
  EDITOR_RENAME,
} EditorMode;

struct _TandemFileTreePanel
{
  GtkWidget           parent_instance;

  TandemFileTree     *tree;
  GtkTreeListModel   *tree_model;
  GSettings          *settings;
  GCancellable       *cancellable;
  /* The folder to create in, or the file to rename, while the editor is open. */
  GFile              *editor_target;
  GtkPopover         *context_popover;

  /* Template children */
  GtkWidget          *box;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkImage           *message_image;
  GtkLabel           *message_label;
  GtkPopover         *editor_popover;
  GtkLabel           *editor_title;
  GtkEntry           *editor_entry;
  GtkButton          *editor_button;
  GtkLabel           *editor_error;
  GMenuModel         *context_menu;

  /* Borrowed: owned by tree_model */
  GListModel         *root_model;

  gint64              last_click_time;
  guint               last_click_position;
  EditorMode          editor_mode;

  guint               show_hidden : 1;
  guint               editor_busy : 1;
};

enum {
  PROP_0,
  PROP_TREE,
  PROP_SHOW_HIDDEN,
  N_PROPS
};

enum {
  FILE_ACTIVATED,
  OPEN_IN_TERMINAL,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemFileTreePanel, tandem_file_tree_panel, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static TandemFileItem *
tandem_file_tree_panel_dup_selected_item (TandemFileTreePanel *self)
{
  GtkTreeListRow *row;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

static void
tandem_file_tree_panel_update_actions (TandemFileTreePanel *self)
{
  g_autoptr(TandemFileItem) item = NULL;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  item = tandem_file_tree_panel_dup_selected_item (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.new-file", self->tree != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.new-folder", self->tree != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.rename", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.trash", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.copy-path",
                                 item != NULL || self->tree != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tree.open-in-terminal", self->tree != NULL);
}

static void
tandem_file_tree_panel_update_status (TandemFileTreePanel *self)
{
  const GError *error;
  GFile *root;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  if (self->tree == NULL || self->root_model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "tree");
      return;
    }

  root = tandem_file_tree_get_root (self->tree);
  error = tandem_file_tree_get_error (self->tree, root);

  if (error != NULL)
    {
      gtk_image_set_from_icon_name (self->message_image, "dialog-warning-symbolic");
      gtk_label_set_label (self->message_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
  else if (tandem_file_tree_is_loaded (self->tree, root) &&
           g_list_model_get_n_items (self->root_model) == 0)
    {
      gtk_image_set_from_icon_name (self->message_image, "folder-symbolic");
      gtk_label_set_label (self->message_label, _("This folder is empty"));
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "tree");
    }
}

/* Errors the user can act on are shown where they look: a toast in the window, or
 * the panel's own banner when there is no toast overlay. */
static void
tandem_file_tree_panel_show_error (TandemFileTreePanel *self,
                                   const char          *message)
{
  GtkWidget *overlay;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (message != NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
      return;
    }

  gtk_label_set_label (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
tandem_file_tree_panel_banner_close_clicked_cb (TandemFileTreePanel *self,
                                                GtkButton           *button)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
tandem_file_tree_panel_activate_row (TandemFileTreePanel *self,
                                     GtkTreeListRow      *row)
{
  g_autoptr(TandemFileItem) item = NULL;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (GTK_IS_TREE_LIST_ROW (row));

  item = gtk_tree_list_row_get_item (row);
  if (item == NULL)
    return;

  if (tandem_file_item_get_is_directory (item))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    g_signal_emit (self, signals[FILE_ACTIVATED], 0, tandem_file_item_get_file (item));
}

static guint
get_double_click_time_usec (TandemFileTreePanel *self)
{
  int msec = 400;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time", &msec, NULL);
  return (guint)MAX (msec, 0) * 1000;
}

static void
tandem_file_tree_panel_list_view_activate_cb (TandemFileTreePanel *self,
                                              guint                position,
                                              GtkListView         *list_view)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (GTK_IS_LIST_VIEW (list_view));

  /* A double click: the first click already opened or toggled this row. */
  if (position == self->last_click_position &&
      g_get_monotonic_time () - self->last_click_time < get_double_click_time_usec (self))
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL)
    tandem_file_tree_panel_activate_row (self, row);
}

static GtkTreeListRow *
tandem_file_tree_panel_row_at (TandemFileTreePanel *self,
                               double               x,
                               double               y,
                               gboolean            *on_arrow)
{
  GtkWidget *picked;
  GtkWidget *expander;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  if (picked == NULL)
    return NULL;

  /* GtkTreeExpander toggles the row itself when its arrow is clicked. */
  if (on_arrow != NULL)
    *on_arrow = g_strcmp0 (gtk_widget_get_css_name (picked), "expander") == 0;

  if (GTK_IS_TREE_EXPANDER (picked))
    expander = picked;
  else
    expander = gtk_widget_get_ancestor (picked, GTK_TYPE_TREE_EXPANDER);

  /* The row's own padding, around the expander */
  if (expander == NULL && GTK_IS_TREE_EXPANDER (gtk_widget_get_first_child (picked)))
    expander = gtk_widget_get_first_child (picked);

  if (expander == NULL)
    return NULL;

  return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
}

/* Finds where the row at @position is drawn, when it is on screen. */
static gboolean
tandem_file_tree_panel_get_row_bounds (TandemFileTreePanel *self,
                                       guint                position,
                                       graphene_rect_t     *bounds)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);
      GtkTreeListRow *row;

      if (!GTK_IS_TREE_EXPANDER (expander) || !gtk_widget_get_mapped (child))
        continue;

      row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
      if (row != NULL && gtk_tree_list_row_get_position (row) == position)
        return gtk_widget_compute_bounds (child, GTK_WIDGET (self), bounds);
    }

  return FALSE;
}

static void
tandem_file_tree_panel_get_selection_rect (TandemFileTreePanel *self,
                                           GdkRectangle        *rect)
{
  graphene_rect_t bounds;
  guint position;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (rect != NULL);

  position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION &&
      tandem_file_tree_panel_get_row_bounds (self, position, &bounds))
    {
      rect->x = (int)bounds.origin.x;
      rect->y = (int)bounds.origin.y;
      rect->width = MAX (1, (int)bounds.size.width);
      rect->height = MAX (1, (int)bounds.size.height);
      return;
    }

  /* Nothing selected or scrolled away: point at the top of the list. */
  rect->x = 0;
  rect->y = 0;
  rect->width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  rect->height = 1;
}

static void
tandem_file_tree_panel_popup_context_menu (TandemFileTreePanel *self,
                                           const GdkRectangle  *rect)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (rect != NULL);

  if (self->tree == NULL)
    return;

  tandem_file_tree_panel_update_actions (self);
  gtk_popover_set_pointing_to (self->context_popover, rect);
  gtk_popover_popup (self->context_popover);
}

static void
tandem_file_tree_panel_click_pressed_cb (TandemFileTreePanel *self,
                                         int                  n_press,
                                         double               x,
                                         double               y,
                                         GtkGestureClick     *gesture)
{
  GtkTreeListRow *row;
  gboolean on_arrow = FALSE;
  guint button;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (GTK_IS_GESTURE_CLICK (gesture));

  button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  row = tandem_file_tree_panel_row_at (self, x, y, &on_arrow);

  if (button == GDK_BUTTON_SECONDARY)
    {
      GdkRectangle rect = { 0, 0, 1, 1 };
      double px = 0;
      double py = 0;

      if (row != NULL)
        gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (row));
      else
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

      gtk_widget_translate_coordinates (GTK_WIDGET (self->list_view), GTK_WIDGET (self),
                                        x, y, &px, &py);
      rect.x = (int)px;
      rect.y = (int)py;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      tandem_file_tree_panel_popup_context_menu (self, &rect);
      return;
    }

  if (button != GDK_BUTTON_PRIMARY || n_press != 1 || row == NULL || on_arrow)
    return;

  /* One click opens a file or toggles a folder, as in other IDE sidebars; the
   * list item still handles the press to select the row. */
  self->last_click_position = gtk_tree_list_row_get_position (row);
  self->last_click_time = g_get_monotonic_time ();
  tandem_file_tree_panel_activate_row (self, row);
}

static gboolean
tandem_file_tree_panel_context_menu_cb (GtkWidget *widget,
                                        GVariant  *args,
                                        gpointer   user_data)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (widget);
  GdkRectangle rect;

  tandem_file_tree_panel_get_selection_rect (self, &rect);
  tandem_file_tree_panel_popup_context_menu (self, &rect);

  return TRUE;
}

static void
tandem_file_tree_panel_editor_set_error (TandemFileTreePanel *self,
                                         const char          *message)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  gtk_label_set_label (self->editor_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_error), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->editor_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->editor_entry), "error");
}

static void
tandem_file_tree_panel_show_editor (TandemFileTreePanel *self,
                                    EditorMode           mode)
{
  g_autoptr(TandemFileItem) item = NULL;
  GtkTreeListRow *row;
  GdkRectangle rect;
  const char *text = "";

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  if (self->tree == NULL || self->editor_busy ||
      gtk_widget_get_visible (GTK_WIDGET (self->editor_popover)))
    return;

  item = tandem_file_tree_panel_dup_selected_item (self);
  row = gtk_single_selection_get_selected_item (self->selection);

  g_clear_object (&self->editor_target);

  switch (mode)
    {
    case EDITOR_NEW_FILE:
    case EDITOR_NEW_FOLDER:
      if (item == NULL)
        {
          self->editor_target = g_object_ref (tandem_file_tree_get_root (self->tree));
        }
      else if (tandem_file_item_get_is_directory (item))
        {
          self->editor_target = g_object_ref (tandem_file_item_get_file (item));
          /* So that the new entry shows up where the user is looking */
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      else
        {
          self->editor_target = g_file_get_parent (tandem_file_item_get_file (item));
        }

      if (mode == EDITOR_NEW_FILE)
        {
          gtk_label_set_label (self->editor_title, _("New File"));
          gtk_button_set_label (self->editor_button, _("Create"));
        }
      else
        {
          gtk_label_set_label (self->editor_title, _("New Folder"));
          gtk_button_set_label (self->editor_button, _("Create"));
        }
      break;

    case EDITOR_RENAME:
      if (item == NULL)
        return;
      self->editor_target = g_object_ref (tandem_file_item_get_file (item));
      text = tandem_file_item_get_display_name (item);
      gtk_label_set_label (self->editor_title,
                           tandem_file_item_get_is_directory (item) ? _("Rename Folder")
                                                                    : _("Rename File"));
      gtk_button_set_label (self->editor_button, _("Rename"));
      break;

    default:
      g_assert_not_reached ();
    }

  self->editor_mode = mode;

  gtk_editable_set_text (GTK_EDITABLE (self->editor_entry), text);
  tandem_file_tree_panel_editor_set_error (self, NULL);

  tandem_file_tree_panel_get_selection_rect (self, &rect);
  gtk_popover_set_pointing_to (self->editor_popover, &rect);
  gtk_popover_popup (self->editor_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor_entry));

  /* Select the name without its extension, as file managers do. */
  if (mode == EDITOR_RENAME && item != NULL && !tandem_file_item_get_is_directory (item))
    {
      const char *dot = strrchr (text, '.');

      if (dot != NULL && dot != text)
        gtk_editable_select_region (GTK_EDITABLE (self->editor_entry),
                                    0, (int)g_utf8_pointer_to_offset (text, dot));
    }
}

typedef GFile *(*EditorFinishFunc) (GAsyncResult  *result,
                                    GError       **error);

/* Finishes what the editor popover started with @finish (create or rename). */
static void
tandem_file_tree_panel_editor_done (TandemFileTreePanel *self,
                                    GAsyncResult        *result,
                                    EditorFinishFunc     finish,
                                    gboolean             open_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (G_IS_ASYNC_RESULT (result));
  g_assert (finish != NULL);

  file = finish (result, &error);

  self->editor_busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_button), TRUE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (gtk_widget_get_visible (GTK_WIDGET (self->editor_popover)))
        {
          tandem_file_tree_panel_editor_set_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->editor_entry));
        }
      else
        {
          tandem_file_tree_panel_show_error (self, error->message);
        }
      return;
    }

  gtk_popover_popdown (self->editor_popover);

  if (open_file && file != NULL)
    g_signal_emit (self, signals[FILE_ACTIVATED], 0, file);
}

static void
tandem_file_tree_panel_create_file_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(TandemFileTreePanel) self = user_data;

  tandem_file_tree_panel_editor_done (self, result, tandem_file_ops_create_file_finish, TRUE);
}

static void
tandem_file_tree_panel_create_folder_cb (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data)
{
  g_autoptr(TandemFileTreePanel) self = user_data;

  tandem_file_tree_panel_editor_done (self, result, tandem_file_ops_create_folder_finish, FALSE);
}

static void
tandem_file_tree_panel_rename_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(TandemFileTreePanel) self = user_data;

  tandem_file_tree_panel_editor_done (self, result, tandem_file_ops_rename_finish, FALSE);
}

static void
tandem_file_tree_panel_editor_entry_activate_cb (TandemFileTreePanel *self,
                                                 GtkWidget           *widget)
{
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  if (self->editor_busy || self->editor_target == NULL)
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->editor_entry));
  if (!tandem_file_ops_validate_name (name, &error))
    {
      tandem_file_tree_panel_editor_set_error (self, error->message);
      return;
    }

  /* The entry keeps the focus (making it insensitive would move it); further
   * Enter presses are ignored until this one is done. */
  self->editor_busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_button), FALSE);

  switch (self->editor_mode)
    {
    case EDITOR_NEW_FILE:
      tandem_file_ops_create_file_async (self->editor_target, name, self->cancellable,
                                         tandem_file_tree_panel_create_file_cb,
                                         g_object_ref (self));
      break;

    case EDITOR_NEW_FOLDER:
      tandem_file_ops_create_folder_async (self->editor_target, name, self->cancellable,
                                           tandem_file_tree_panel_create_folder_cb,
                                           g_object_ref (self));
      break;

    case EDITOR_RENAME:
      tandem_file_ops_rename_async (self->editor_target, name, self->cancellable,
                                    tandem_file_tree_panel_rename_cb,
                                    g_object_ref (self));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
tandem_file_tree_panel_editor_entry_changed_cb (TandemFileTreePanel *self,
                                                GtkEditable         *editable)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  tandem_file_tree_panel_editor_set_error (self, NULL);
}

static void
tandem_file_tree_panel_editor_popover_closed_cb (TandemFileTreePanel *self,
                                                 GtkPopover          *popover)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  if (!self->editor_busy)
    g_clear_object (&self->editor_target);

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
tandem_file_tree_panel_restore_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(TandemFileTreePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  file = tandem_file_ops_restore_finish (result, &error);
  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tandem_file_tree_panel_show_error (self, error->message);
}

static void
tandem_file_tree_panel_toast_undo_cb (TandemFileTreePanel *self,
                                      AdwToast            *toast)
{
  TandemTrashedFile *trashed;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (ADW_IS_TOAST (toast));

  trashed = g_object_get_data (G_OBJECT (toast), "trashed-file");
  if (trashed == NULL)
    return;

  tandem_file_ops_restore_async (trashed, self->cancellable,
                                 tandem_file_tree_panel_restore_cb,
                                 g_object_ref (self));
}

static void
tandem_file_tree_panel_trash_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(TandemFileTreePanel) self = user_data;
  g_autoptr(TandemTrashedFile) trashed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  trashed = tandem_file_ops_trash_finish (result, &error);
  if (trashed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tandem_file_tree_panel_show_error (self, error->message);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  name = tandem_trashed_file_dup_display_name (trashed);
  escaped = g_markup_escape_text (name, -1);
  title = g_strdup_printf (_("“%s” moved to trash"), escaped);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  g_object_set_data_full (G_OBJECT (toast), "trashed-file",
                          g_steal_pointer (&trashed), g_object_unref);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (tandem_file_tree_panel_toast_undo_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
tandem_file_tree_panel_new_file_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  tandem_file_tree_panel_show_editor (TANDEM_FILE_TREE_PANEL (widget), EDITOR_NEW_FILE);
}

static void
tandem_file_tree_panel_new_folder_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  tandem_file_tree_panel_show_editor (TANDEM_FILE_TREE_PANEL (widget), EDITOR_NEW_FOLDER);
}

static void
tandem_file_tree_panel_rename_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  tandem_file_tree_panel_show_editor (TANDEM_FILE_TREE_PANEL (widget), EDITOR_RENAME);
}

static void
tandem_file_tree_panel_trash_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (widget);
  g_autoptr(TandemFileItem) item = NULL;

  item = tandem_file_tree_panel_dup_selected_item (self);
  if (item == NULL)
    return;

  tandem_file_ops_trash_async (tandem_file_item_get_file (item), self->cancellable,
                               tandem_file_tree_panel_trash_cb, g_object_ref (self));
}

static void
tandem_file_tree_panel_copy_path_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (widget);
  g_autoptr(TandemFileItem) item = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay;
  GFile *file;

  item = tandem_file_tree_panel_dup_selected_item (self);
  if (item != NULL)
    file = tandem_file_item_get_file (item);
  else if (self->tree != NULL)
    file = tandem_file_tree_get_root (self->tree);
  else
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    path = g_file_get_uri (file);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), path);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Path copied")));
}

/* The selected folder, the folder of the selected file, or the root. */
static void
tandem_file_tree_panel_open_in_terminal_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (widget);
  g_autoptr(TandemFileItem) item = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->tree == NULL)
    return;

  item = tandem_file_tree_panel_dup_selected_item (self);
  if (item != NULL && tandem_file_item_get_is_directory (item))
    folder = g_object_ref (tandem_file_item_get_file (item));
  else if (item != NULL)
    folder = g_file_get_parent (tandem_file_item_get_file (item));

  if (folder == NULL)
    folder = g_object_ref (tandem_file_tree_get_root (self->tree));

  g_signal_emit (self, signals[OPEN_IN_TERMINAL], 0, folder);
}

static void
tandem_file_tree_panel_selection_changed_cb (TandemFileTreePanel *self,
                                             GParamSpec          *pspec,
                                             GtkSingleSelection  *selection)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  tandem_file_tree_panel_update_actions (self);
}

static void
tandem_file_tree_panel_directory_loaded_cb (TandemFileTreePanel *self,
                                            GFile               *directory,
                                            TandemFileTree      *tree)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));
  g_assert (TANDEM_IS_FILE_TREE (tree));

  if (g_file_equal (directory, tandem_file_tree_get_root (tree)))
    tandem_file_tree_panel_update_status (self);
}

static void
tandem_file_tree_panel_root_items_changed_cb (TandemFileTreePanel *self,
                                              guint                position,
                                              guint                removed,
                                              guint                added,
                                              GListModel          *model)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  tandem_file_tree_panel_update_status (self);
}

static void
tandem_file_tree_panel_set_show_hidden (TandemFileTreePanel *self,
                                        gboolean             show_hidden)
{
  g_assert (TANDEM_IS_FILE_TREE_PANEL (self));

  show_hidden = !!show_hidden;
  if (self->show_hidden == show_hidden)
    return;

  self->show_hidden = show_hidden;

  if (self->tree != NULL)
    tandem_file_tree_set_show_hidden (self->tree, show_hidden);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HIDDEN]);
}

static void
tandem_file_tree_panel_dispose (GObject *object)
{
  TandemFileTreePanel *self = (TandemFileTreePanel *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_data (self->tree, self);
  if (self->root_model != NULL)
    g_signal_handlers_disconnect_by_data (self->root_model, self);
  self->root_model = NULL;

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);

  if (self->context_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_popover));
  self->context_popover = NULL;

  if (self->editor_popover != NULL &&
      gtk_widget_get_parent (GTK_WIDGET (self->editor_popover)) == GTK_WIDGET (self))
    gtk_widget_unparent (GTK_WIDGET (self->editor_popover));

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_FILE_TREE_PANEL);

  g_clear_object (&self->tree_model);
  g_clear_object (&self->tree);
  g_clear_object (&self->settings);
  g_clear_object (&self->editor_target);

  G_OBJECT_CLASS (tandem_file_tree_panel_parent_class)->dispose (object);
}

static void
tandem_file_tree_panel_finalize (GObject *object)
{
  TandemFileTreePanel *self = (TandemFileTreePanel *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_file_tree_panel_parent_class)->finalize (object);
}

static void
tandem_file_tree_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (object);

  switch (prop_id)
    {
    case PROP_TREE:
      g_value_set_object (value, self->tree);
      break;

    case PROP_SHOW_HIDDEN:
      g_value_set_boolean (value, self->show_hidden);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_file_tree_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemFileTreePanel *self = TANDEM_FILE_TREE_PANEL (object);

  switch (prop_id)
    {
    case PROP_TREE:
      tandem_file_tree_panel_set_tree (self, g_value_get_object (value));
      break;

    case PROP_SHOW_HIDDEN:
      tandem_file_tree_panel_set_show_hidden (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_file_tree_panel_class_init (TandemFileTreePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_file_tree_panel_dispose;
  object_class->finalize = tandem_file_tree_panel_finalize;
  object_class->get_property = tandem_file_tree_panel_get_property;
  object_class->set_property = tandem_file_tree_panel_set_property;

  properties[PROP_TREE] =
    g_param_spec_object ("tree", NULL, NULL,
                         TANDEM_TYPE_FILE_TREE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Bound to the "show-hidden-files" setting; the "tree.show-hidden" action toggles it. */
  properties[PROP_SHOW_HIDDEN] =
    g_param_spec_boolean ("show-hidden", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemFileTreePanel::file-activated:
   * @self: a #TandemFileTreePanel
   * @file: the file to open
   *
   * Emitted when the user opens a file (not a folder) from the tree, or has just
   * created one.
   */
  signals[FILE_ACTIVATED] =
    g_signal_new ("file-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * TandemFileTreePanel::open-in-terminal:
   * @self: a #TandemFileTreePanel
   * @folder: the folder to open a terminal in
   *
   * Emitted when the user asks for a terminal in a folder of the tree.
   */
  signals[OPEN_IN_TERMINAL] =
    g_signal_new ("open-in-terminal",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filetreepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (TANDEM_TYPE_FILE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/project/tandem-file-tree-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, box);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, selection);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, message_image);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, editor_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, editor_title);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, editor_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, editor_button);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, editor_error);
  gtk_widget_class_bind_template_child (widget_class, TandemFileTreePanel, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, tandem_file_tree_panel_banner_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_file_tree_panel_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_file_tree_panel_editor_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_file_tree_panel_editor_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_file_tree_panel_editor_popover_closed_cb);

  gtk_widget_class_install_action (widget_class, "tree.new-file", NULL,
                                   tandem_file_tree_panel_new_file_action);
  gtk_widget_class_install_action (widget_class, "tree.new-folder", NULL,
                                   tandem_file_tree_panel_new_folder_action);
  gtk_widget_class_install_action (widget_class, "tree.rename", NULL,
                                   tandem_file_tree_panel_rename_action);
  gtk_widget_class_install_action (widget_class, "tree.trash", NULL,
                                   tandem_file_tree_panel_trash_action);
  gtk_widget_class_install_action (widget_class, "tree.copy-path", NULL,
                                   tandem_file_tree_panel_copy_path_action);
  gtk_widget_class_install_action (widget_class, "tree.open-in-terminal", NULL,
                                   tandem_file_tree_panel_open_in_terminal_action);
  gtk_widget_class_install_property_action (widget_class, "tree.show-hidden", "show-hidden");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "tree.rename", NULL);
  /* The menu shows the last binding of an action: keep the plain Delete key last. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "tree.trash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "tree.trash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "tree.copy-path", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0,
                                tandem_file_tree_panel_context_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                tandem_file_tree_panel_context_menu_cb, NULL);
}

static void
tandem_file_tree_panel_init (TandemFileTreePanel *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->last_click_position = GTK_INVALID_LIST_POSITION;

  gtk_widget_set_parent (GTK_WIDGET (self->editor_popover), GTK_WIDGET (self));

  self->context_popover = GTK_POPOVER (gtk_popover_menu_new_from_model (self->context_menu));
  gtk_popover_set_has_arrow (self->context_popover, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_popover), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_popover), GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->editor_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->editor_title, NULL,
                                  -1);

  /* Capture phase: see the press before the row selects itself and claims it. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed",
                           G_CALLBACK (tandem_file_tree_panel_click_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (tandem_file_tree_panel_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "show-hidden-files", self, "show-hidden",
                   G_SETTINGS_BIND_DEFAULT);

  tandem_file_tree_panel_update_actions (self);
}

/**
 * tandem_file_tree_panel_new:
 *
 * Returns: (transfer floating): a new #TandemFileTreePanel
 */
GtkWidget *
tandem_file_tree_panel_new (void)
{
  return g_object_new (TANDEM_TYPE_FILE_TREE_PANEL, NULL);
}

/**
 * tandem_file_tree_panel_get_tree:
 *
 * Returns: (transfer none) (nullable): the tree shown
 */
TandemFileTree *
tandem_file_tree_panel_get_tree (TandemFileTreePanel *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_TREE_PANEL (self), NULL);

  return self->tree;
}

/**
 * tandem_file_tree_panel_set_tree:
 * @self: a #TandemFileTreePanel
 * @tree: (nullable): the project's tree
 *
 * Shows @tree. The panel applies the "show-hidden-files" setting to it.
 */
void
tandem_file_tree_panel_set_tree (TandemFileTreePanel *self,
                                 TandemFileTree      *tree)
{
  g_return_if_fail (TANDEM_IS_FILE_TREE_PANEL (self));
  g_return_if_fail (tree == NULL || TANDEM_IS_FILE_TREE (tree));

  if (self->tree == tree)
    return;

  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_data (self->tree, self);
  if (self->root_model != NULL)
    g_signal_handlers_disconnect_by_data (self->root_model, self);
  self->root_model = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (self->editor_popover)))
    gtk_popover_popdown (self->editor_popover);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->tree_model);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  g_set_object (&self->tree, tree);

  if (tree != NULL)
    {
      tandem_file_tree_set_show_hidden (tree, self->show_hidden);

      self->tree_model = tandem_file_tree_create_tree_model (tree);
      self->root_model = gtk_tree_list_model_get_model (self->tree_model);

      g_signal_connect_object (tree, "directory-loaded",
                               G_CALLBACK (tandem_file_tree_panel_directory_loaded_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->root_model, "items-changed",
                               G_CALLBACK (tandem_file_tree_panel_root_items_changed_cb),
                               self, G_CONNECT_SWAPPED);

      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
    }

  tandem_file_tree_panel_update_status (self);
  tandem_file_tree_panel_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREE]);
}
