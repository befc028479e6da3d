/* tandem-git-branches.c
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

#define G_LOG_DOMAIN "tandem-git-branches"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-git-branches.h"
#include "tandem-git-error.h"

struct _TandemGitBranches
{
  GtkPopover           parent_instance;

  /* Owned references */
  TandemGitRepository *repository;
  GCancellable        *cancellable;
  GListStore          *all;
  GListStore          *local;
  GListStore          *remote;

  /* Children */
  GtkLabel            *error_label;
  GtkListBox          *local_list;
  GtkListBox          *remote_list;
  GtkLabel            *remote_heading;
  GtkEntry            *name_entry;
  GtkButton           *create_button;
  GtkLabel            *name_hint;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitBranches, tandem_git_branches, GTK_TYPE_POPOVER)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
tandem_git_branch_name_is_valid (const char  *name,
                                 GError     **error)
{
  static const char forbidden[] = " ~^:?*[\\";

  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME,
                           _("Type a name for the branch"));
      return FALSE;
    }

  for (const char *p = name; *p; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f || strchr (forbidden, *p) != NULL)
        {
          g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME,
                               _("A branch name cannot contain spaces or any of ~ ^ : ? * [ \\"));
          return FALSE;
        }
    }

  if (name[0] == '-' || name[0] == '/' || name[0] == '.' ||
      g_str_has_suffix (name, "/") || g_str_has_suffix (name, ".") ||
      g_str_has_suffix (name, ".lock") || strstr (name, "..") != NULL ||
      strstr (name, "//") != NULL || strstr (name, "@{") != NULL ||
      strstr (name, "/.") != NULL || g_str_equal (name, "@") || g_str_equal (name, "HEAD"))
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME,
                           _("This is not a valid branch name: use letters, digits, “-”, “_” and “/”"));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_git_branches_show_error (TandemGitBranches *self,
                                const char        *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
tandem_git_branches_report (TandemGitBranches *self,
                            const char        *text,
                            gboolean           is_error)
{
  if (is_error)
    tandem_git_branches_show_error (self, text);
  g_signal_emit (self, signals[MESSAGE], 0, text, is_error);
}

/* Whether an async call can be reported: not cancelled, and the popover still has its
 * repository (it was not disposed meanwhile). */
static gboolean
tandem_git_branches_finish_ok (TandemGitBranches *self,
                               const GError      *error)
{
  self->busy = FALSE;
  return self->repository != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void tandem_git_branches_delete (TandemGitBranches *self,
                                        const char        *name,
                                        gboolean           force);

typedef struct
{
  TandemGitBranches *self;
  char              *name;
  gboolean           force;
} DeleteRequest;

static void
delete_request_free (DeleteRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->name);
  g_free (request);
}

static void
tandem_git_branches_confirm_response_cb (AdwMessageDialog *dialog,
                                         const char       *response,
                                         DeleteRequest    *request)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));

  if (g_strcmp0 (response, "confirm") == 0 && request->self->repository != NULL)
    tandem_git_branches_delete (request->self, request->name, request->force);
}

/**
 * tandem_git_confirm_destructive:
 * @widget: a widget in the window to stay above
 * @heading: the question
 * @body: what happens
 * @confirm_label: the label of the destructive button
 * @callback: (scope notified): called with (dialog, response, @data) where response is
 *   "confirm" or "cancel"
 * @data: for @callback, freed with @destroy when the dialog goes away
 *
 * Asks before something that cannot be undone; "Cancel" is the default.
 */
void
tandem_git_confirm_destructive (GtkWidget      *widget,
                                const char     *heading,
                                const char     *body,
                                const char     *confirm_label,
                                GCallback       callback,
                                gpointer        data,
                                GDestroyNotify  destroy)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", callback, data,
                         (GClosureNotify)(void (*) (void))destroy, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tandem_git_branches_confirm_delete (TandemGitBranches *self,
                                    const char        *name,
                                    gboolean           force)
{
  DeleteRequest *request;
  g_autofree char *heading = NULL;

  if (force)
    heading = g_strdup_printf (_("“%s” Has Unmerged Work"), name);
  else
    heading = g_strdup_printf (_("Delete Branch “%s”?"), name);

  request = g_new0 (DeleteRequest, 1);
  request->self = g_object_ref (self);
  request->name = g_strdup (name);
  request->force = force;
  tandem_git_confirm_destructive (GTK_WIDGET (self), heading,
                                  force ? _("Its commits are in neither the current branch nor its upstream. Deleting it loses them.")
                                        : _("The branch is removed from this repository. Branches on remotes are not changed."),
                                  force ? _("_Delete Anyway") : _("_Delete"),
                                  G_CALLBACK (tandem_git_branches_confirm_response_cb),
                                  request, (GDestroyNotify)delete_request_free);
}

static void
tandem_git_branches_deleted_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  DeleteRequest *request = user_data;
  TandemGitBranches *self = request->self;
  g_autoptr(GError) error = NULL;

  tandem_git_repository_delete_branch_finish (TANDEM_GIT_REPOSITORY (object), result, &error);

  if (tandem_git_branches_finish_ok (self, error))
    {
      if (g_error_matches (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_UNMERGED))
        tandem_git_branches_confirm_delete (self, request->name, TRUE);
      else if (error != NULL)
        tandem_git_branches_report (self, error->message, TRUE);
      else
        {
          g_autofree char *text = g_strdup_printf (_("Deleted branch “%s”"), request->name);

          tandem_git_branches_report (self, text, FALSE);
          tandem_git_branches_reload (self);
        }
    }

  delete_request_free (request);
}

static void
tandem_git_branches_delete (TandemGitBranches *self,
                            const char        *name,
                            gboolean           force)
{
  DeleteRequest *request = g_new0 (DeleteRequest, 1);

  request->self = g_object_ref (self);
  request->name = g_strdup (name);
  self->busy = TRUE;
  tandem_git_branches_show_error (self, NULL);
  tandem_git_repository_delete_branch_async (self->repository, name, force, self->cancellable,
                                             tandem_git_branches_deleted_cb, request);
}

static void
tandem_git_branches_switched_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(TandemGitBranches) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  tandem_git_repository_switch_branch_finish (TANDEM_GIT_REPOSITORY (object), result, &error);
  name = g_strdup (g_object_get_data (G_OBJECT (self), "switching"));

  if (!tandem_git_branches_finish_ok (self, error))
    return;

  if (g_error_matches (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_WOULD_OVERWRITE))
    {
      g_autofree char *text = NULL;

      /* Translators: %s names the files */
      text = g_strdup_printf (_("Not switched: your local changes would be overwritten. Commit or discard them first.\n%s"),
                              error->message);
      tandem_git_branches_report (self, text, TRUE);
    }
  else if (error != NULL)
    tandem_git_branches_report (self, error->message, TRUE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Switched to “%s”"), name);

      tandem_git_branches_report (self, text, FALSE);
      gtk_popover_popdown (GTK_POPOVER (self));
    }
}

static void
tandem_git_branches_switch (TandemGitBranches *self,
                            const char        *name)
{
  g_assert (TANDEM_IS_GIT_BRANCHES (self));

  if (self->repository == NULL || self->busy)
    return;

  self->busy = TRUE;
  tandem_git_branches_show_error (self, NULL);
  g_object_set_data_full (G_OBJECT (self), "switching", g_strdup (name), g_free);
  tandem_git_repository_switch_branch_async (self->repository, name, self->cancellable,
                                             tandem_git_branches_switched_cb, g_object_ref (self));
}

static void
tandem_git_branches_created_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemGitBranches) self = user_data;
  g_autoptr(GError) error = NULL;

  tandem_git_repository_create_branch_finish (TANDEM_GIT_REPOSITORY (object), result, &error);

  if (!tandem_git_branches_finish_ok (self, error))
    return;

  if (error != NULL)
    tandem_git_branches_report (self, error->message, TRUE);
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Created and switched to “%s”"),
                              gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
      tandem_git_branches_report (self, text, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
      gtk_popover_popdown (GTK_POPOVER (self));
    }
}

static void
tandem_git_branches_create (TandemGitBranches *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(GError) error = NULL;

  if (self->repository == NULL || self->busy)
    return;

  if (!tandem_git_branch_name_is_valid (name, &error))
    {
      tandem_git_branches_show_error (self, error->message);
      return;
    }

  self->busy = TRUE;
  tandem_git_branches_show_error (self, NULL);
  tandem_git_repository_create_branch_async (self->repository, name, TRUE, self->cancellable,
                                             tandem_git_branches_created_cb, g_object_ref (self));
}

static void
tandem_git_branches_name_changed_cb (TandemGitBranches *self,
                                     GtkEditable       *editable)
{
  const char *name = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;
  gboolean valid = tandem_git_branch_name_is_valid (name, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), valid);
  gtk_label_set_text (self->name_hint, (valid || name[0] == '\0') ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_hint), !valid && name[0] != '\0');
  if (valid || name[0] == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
}

static void
tandem_git_branches_row_activated_cb (TandemGitBranches *self,
                                      GtkListBoxRow     *row,
                                      GtkListBox        *list)
{
  TandemGitBranch *branch = g_object_get_data (G_OBJECT (row), "branch");

  g_assert (TANDEM_IS_GIT_BRANCHES (self));

  if (branch != NULL && !tandem_git_branch_get_is_head (branch))
    tandem_git_branches_switch (self, tandem_git_branch_get_name (branch));
}

static void
tandem_git_branches_delete_clicked_cb (TandemGitBranches *self,
                                       GtkButton         *button)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");

  if (self->repository != NULL && !self->busy)
    tandem_git_branches_confirm_delete (self, name, FALSE);
}

static GtkWidget *
tandem_git_branches_create_row (gpointer item,
                                gpointer user_data)
{
  TandemGitBranches *self = user_data;
  TandemGitBranch *branch = item;
  const char *name = tandem_git_branch_get_name (branch);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *id = gtk_label_new (tandem_git_branch_get_target_short_id (branch));

  g_object_set_data_full (G_OBJECT (row), "branch", g_object_ref (branch), g_object_unref);
  gtk_widget_set_opacity (check, tandem_git_branch_get_is_head (branch) ? 1 : 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  if (tandem_git_branch_get_is_head (branch))
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "monospace");
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), id);

  if (!tandem_git_branch_get_is_remote (branch) && !tandem_git_branch_get_is_head (branch))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Delete Branch “%s”"), name);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (tandem_git_branches_delete_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_widget_set_tooltip_text (row, tandem_git_branch_get_is_head (branch)
                                      ? _("The current branch")
                                      : _("Switch to this branch"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
tandem_git_branches_listed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(TandemGitBranches) self = user_data;
  g_autoptr(GListModel) branches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local = g_ptr_array_new ();
  g_autoptr(GPtrArray) remote = g_ptr_array_new ();
  guint n;

  branches = tandem_git_repository_list_branches_finish (TANDEM_GIT_REPOSITORY (object), result, &error);
  if (self->repository == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (branches == NULL)
    {
      tandem_git_branches_show_error (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (branches);
  g_list_store_remove_all (self->all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemGitBranch) branch = g_list_model_get_item (branches, i);

      g_list_store_append (self->all, branch);
      g_ptr_array_add (tandem_git_branch_get_is_remote (branch) ? remote : local, branch);
    }

  g_list_store_splice (self->local, 0, g_list_model_get_n_items (G_LIST_MODEL (self->local)),
                       local->pdata, local->len);
  g_list_store_splice (self->remote, 0, g_list_model_get_n_items (G_LIST_MODEL (self->remote)),
                       remote->pdata, remote->len);
  gtk_widget_set_visible (GTK_WIDGET (self->remote_heading), remote->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->remote_list), remote->len > 0);
}

void
tandem_git_branches_reload (TandemGitBranches *self)
{
  g_return_if_fail (TANDEM_IS_GIT_BRANCHES (self));

  if (self->repository == NULL)
    return;

  tandem_git_repository_list_branches_async (self->repository, self->cancellable,
                                             tandem_git_branches_listed_cb, g_object_ref (self));
}

void
tandem_git_branches_set_repository (TandemGitBranches   *self,
                                    TandemGitRepository *repository)
{
  g_return_if_fail (TANDEM_IS_GIT_BRANCHES (self));
  g_return_if_fail (!repository || TANDEM_IS_GIT_REPOSITORY (repository));

  if (g_set_object (&self->repository, repository))
    {
      g_list_store_remove_all (self->all);
      g_list_store_remove_all (self->local);
      g_list_store_remove_all (self->remote);
      tandem_git_branches_reload (self);
    }
}

GListModel *
tandem_git_branches_get_model (TandemGitBranches *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCHES (self), NULL);

  return G_LIST_MODEL (self->all);
}

static void
tandem_git_branches_show (GtkWidget *widget)
{
  TandemGitBranches *self = TANDEM_GIT_BRANCHES (widget);

  tandem_git_branches_show_error (self, NULL);
  tandem_git_branches_reload (self);

  GTK_WIDGET_CLASS (tandem_git_branches_parent_class)->show (widget);
}

static void
tandem_git_branches_dispose (GObject *object)
{
  TandemGitBranches *self = (TandemGitBranches *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (tandem_git_branches_parent_class)->dispose (object);
}

static void
tandem_git_branches_finalize (GObject *object)
{
  TandemGitBranches *self = (TandemGitBranches *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->all);
  g_clear_object (&self->local);
  g_clear_object (&self->remote);

  G_OBJECT_CLASS (tandem_git_branches_parent_class)->finalize (object);
}

static void
tandem_git_branches_class_init (TandemGitBranchesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_git_branches_dispose;
  object_class->finalize = tandem_git_branches_finalize;
  widget_class->show = tandem_git_branches_show;

  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);
}

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkListBox *
list_new (TandemGitBranches *self,
          GListModel        *model,
          const char        *label)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_list_box_bind_model (list, model, tandem_git_branches_create_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (list, "row-activated",
                           G_CALLBACK (tandem_git_branches_row_activated_cb), self, G_CONNECT_SWAPPED);
  return list;
}

static void
tandem_git_branches_init (TandemGitBranches *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *lists = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *create_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->all = g_list_store_new (TANDEM_TYPE_GIT_BRANCH);
  self->local = g_list_store_new (TANDEM_TYPE_GIT_BRANCH);
  self->remote = g_list_store_new (TANDEM_TYPE_GIT_BRANCH);

  gtk_widget_set_size_request (box, 300, -1);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  self->local_list = list_new (self, G_LIST_MODEL (self->local), _("Local branches"));
  self->remote_list = list_new (self, G_LIST_MODEL (self->remote), _("Remote branches"));
  self->remote_heading = GTK_LABEL (heading_new (_("Remote")));
  gtk_box_append (GTK_BOX (lists), heading_new (_("Local")));
  gtk_box_append (GTK_BOX (lists), GTK_WIDGET (self->local_list));
  gtk_box_append (GTK_BOX (lists), GTK_WIDGET (self->remote_heading));
  gtk_box_append (GTK_BOX (lists), GTK_WIDGET (self->remote_list));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), lists);

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->name_entry, _("New branch name"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  gtk_entry_set_activates_default (self->name_entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New branch name"), -1);
  g_signal_connect_object (self->name_entry, "changed",
                           G_CALLBACK (tandem_git_branches_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "activate",
                           G_CALLBACK (tandem_git_branches_create), self, G_CONNECT_SWAPPED);
  self->create_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_reate")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_button),
                               _("Create a branch at the current commit and switch to it"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  g_signal_connect_object (self->create_button, "clicked",
                           G_CALLBACK (tandem_git_branches_create), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (create_box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (create_box), GTK_WIDGET (self->create_button));

  self->name_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->name_hint, TRUE);
  gtk_label_set_xalign (self->name_hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_hint), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->name_hint), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->name_hint), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), heading_new (_("New Branch")));
  gtk_box_append (GTK_BOX (box), create_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_hint));
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

GtkWidget *
tandem_git_branches_new (void)
{
  return g_object_new (TANDEM_TYPE_GIT_BRANCHES, NULL);
}
