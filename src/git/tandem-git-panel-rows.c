/* tandem-git-panel-rows.c
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

#define G_LOG_DOMAIN "tandem-git-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-git-panel-rows.h"

/* The rows of the Git page's file sections: one row a changed file, and keeping a
 * section's rows in step with a new status. */

const char *
_tandem_git_panel_section_title (TandemGitSection section)
{
  switch (section)
    {
    case TANDEM_GIT_SECTION_STAGED:
      return _("Staged Changes");
    case TANDEM_GIT_SECTION_CHANGES:
      return _("Changes");
    case TANDEM_GIT_SECTION_UNTRACKED:
      return _("Untracked Files");
    case TANDEM_GIT_SECTION_CONFLICTS:
    case TANDEM_GIT_N_SECTIONS:
    default:
      return _("Conflicts");
    }
}

static const char *
badge_style (TandemGitChangeKind kind)
{
  switch (kind)
    {
    case TANDEM_GIT_CHANGE_ADDED:
    case TANDEM_GIT_CHANGE_UNTRACKED:
      return "success";
    case TANDEM_GIT_CHANGE_DELETED:
      return "error";
    case TANDEM_GIT_CHANGE_CONFLICTED:
      return "warning";
    case TANDEM_GIT_CHANGE_MODIFIED:
    case TANDEM_GIT_CHANGE_RENAMED:
    case TANDEM_GIT_CHANGE_TYPECHANGE:
    default:
      return "accent";
    }
}

static const char *
badge_description (TandemGitChangeKind kind)
{
  switch (kind)
    {
    case TANDEM_GIT_CHANGE_ADDED:
      return _("Added");
    case TANDEM_GIT_CHANGE_DELETED:
      return _("Deleted");
    case TANDEM_GIT_CHANGE_RENAMED:
      return _("Renamed");
    case TANDEM_GIT_CHANGE_TYPECHANGE:
      return _("Type changed");
    case TANDEM_GIT_CHANGE_UNTRACKED:
      return _("Untracked");
    case TANDEM_GIT_CHANGE_CONFLICTED:
      return _("Conflicted");
    case TANDEM_GIT_CHANGE_MODIFIED:
    default:
      return _("Modified");
    }
}

static void
row_add_button (GtkWidget  *box,
                const char *icon_name,
                const char *tooltip,
                const char *action_name,
                const char *path)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
  gtk_box_append (GTK_BOX (box), button);
}

/* A GtkListBoxCreateWidgetFunc for the TandemGitFileStatus of a section: badge, name,
 * folder or previous name, and the buttons of the git.* actions for that section. */
GtkWidget *
_tandem_git_panel_create_row (gpointer item,
                              gpointer user_data)
{
  TandemGitFileStatus *file = item;
  TandemGitSection section = tandem_git_file_status_get_section (file);
  TandemGitChangeKind kind = tandem_git_file_status_get_kind (file);
  const char *path = tandem_git_file_status_get_path (file);
  const char *slash = strrchr (path, '/');
  g_autofree char *dir = slash ? g_strndup (path, slash - path) : NULL;
  g_autofree char *description = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *badge = gtk_label_new (tandem_git_file_status_get_badge (file));
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (slash ? slash + 1 : path);

  g_object_set_data_full (G_OBJECT (row), "file-status", g_object_ref (file), g_object_unref);

  gtk_widget_set_size_request (badge, 16, -1);
  gtk_widget_add_css_class (badge, "monospace");
  gtk_widget_add_css_class (badge, "heading");
  gtk_widget_add_css_class (badge, badge_style (kind));
  gtk_widget_set_tooltip_text (badge, badge_description (kind));
  gtk_box_append (GTK_BOX (box), badge);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (names), name);
  if (dir != NULL || tandem_git_file_status_get_old_path (file) != NULL)
    {
      g_autofree char *where = NULL;
      GtkWidget *sub;

      if (tandem_git_file_status_get_old_path (file) != NULL)
        /* Translators: the previous path of a renamed file */
        where = g_strdup_printf (_("from %s"), tandem_git_file_status_get_old_path (file));
      else
        where = g_strdup (dir);
      sub = gtk_label_new (where);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (names), sub);
    }
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), names);

  if (kind != TANDEM_GIT_CHANGE_DELETED)
    row_add_button (box, "document-open-symbolic", _("Open File"), "git.open-file", path);

  switch (section)
    {
    case TANDEM_GIT_SECTION_STAGED:
      row_add_button (box, "list-remove-symbolic", _("Unstage"), "git.unstage", path);
      break;

    case TANDEM_GIT_SECTION_CHANGES:
    case TANDEM_GIT_SECTION_UNTRACKED:
      row_add_button (box, "edit-undo-symbolic",
                      section == TANDEM_GIT_SECTION_UNTRACKED ? _("Delete") : _("Discard Changes"),
                      "git.discard", path);
      row_add_button (box, "list-add-symbolic", _("Stage"), "git.stage", path);
      break;

    case TANDEM_GIT_SECTION_CONFLICTS:
      row_add_button (box, "go-previous-symbolic", _("Take Ours"), "git.take-ours", path);
      row_add_button (box, "go-next-symbolic", _("Take Theirs"), "git.take-theirs", path);
      row_add_button (box, "object-select-symbolic", _("Mark Resolved"), "git.mark-resolved", path);
      break;

    case TANDEM_GIT_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }

  /* Translators: the accessible name of a changed file: path, then what changed */
  description = g_strdup_printf (_("%s, %s"), path, badge_description (kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_tooltip_text (row, section == TANDEM_GIT_SECTION_CONFLICTS ? _("Open the file")
                                                                           : _("Show the changes"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static gboolean
file_status_equal (TandemGitFileStatus *a,
                   TandemGitFileStatus *b)
{
  return tandem_git_file_status_get_kind (a) == tandem_git_file_status_get_kind (b) &&
         g_strcmp0 (tandem_git_file_status_get_path (a), tandem_git_file_status_get_path (b)) == 0 &&
         g_strcmp0 (tandem_git_file_status_get_old_path (a), tandem_git_file_status_get_old_path (b)) == 0;
}

/* Makes @rows show the first @max_rows files of @files, replacing only what changed: a
 * refresh after saving one file rebuilds one row, not the whole list. */
void
_tandem_git_panel_sync_rows (GListStore *rows,
                             GListModel *files,
                             guint       max_rows)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (rows));
  guint n_new = MIN (g_list_model_get_n_items (files), max_rows);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(TandemGitFileStatus) a = g_list_model_get_item (G_LIST_MODEL (rows), prefix);
      g_autoptr(TandemGitFileStatus) b = g_list_model_get_item (files, prefix);

      if (!file_status_equal (a, b))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(TandemGitFileStatus) a = g_list_model_get_item (G_LIST_MODEL (rows), n_old - 1 - suffix);
      g_autoptr(TandemGitFileStatus) b = g_list_model_get_item (files, n_new - 1 - suffix);

      if (!file_status_equal (a, b))
        break;
      suffix++;
    }

  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (files, i));

  if (n_old - prefix - suffix > 0 || added->len > 0)
    g_list_store_splice (rows, prefix, n_old - prefix - suffix, added->pdata, added->len);
}
