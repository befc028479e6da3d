/* tandem-git-identity-dialog.c
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

#define G_LOG_DOMAIN "tandem-git-identity-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-git-identity-dialog.h"

/* Asked when a commit fails because git does not know who the author is. */

#define TANDEM_TYPE_GIT_IDENTITY_DIALOG (tandem_git_identity_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitIdentityDialog, tandem_git_identity_dialog, TANDEM, GIT_IDENTITY_DIALOG, AdwWindow)

struct _TandemGitIdentityDialog
{
  AdwWindow            parent_instance;

  /* Owned references */
  TandemGitRepository *repository;
  GCancellable        *cancellable;

  /* Children */
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  GtkSwitch           *global_switch;
  GtkLabel            *error_label;
  GtkButton           *save_button;

  guint                saving : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitIdentityDialog, tandem_git_identity_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
tandem_git_identity_dialog_is_valid (TandemGitIdentityDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  const char *at = strchr (email, '@');

  return name[0] != '\0' && at != NULL && at != email && at[1] != '\0' &&
         strpbrk (name, "<>\n") == NULL && strpbrk (email, "<> \n") == NULL;
}

static void
tandem_git_identity_dialog_changed_cb (TandemGitIdentityDialog *self)
{
  g_assert (TANDEM_IS_GIT_IDENTITY_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            !self->saving && tandem_git_identity_dialog_is_valid (self));
}

static void
tandem_git_identity_dialog_saved_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(TandemGitIdentityDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_git_repository_set_identity_finish (TANDEM_GIT_REPOSITORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      tandem_git_identity_dialog_changed_cb (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
tandem_git_identity_dialog_save (TandemGitIdentityDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  g_assert (TANDEM_IS_GIT_IDENTITY_DIALOG (self));

  if (self->saving || !tandem_git_identity_dialog_is_valid (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  self->saving = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  tandem_git_identity_dialog_changed_cb (self);
  tandem_git_repository_set_identity_async (self->repository, name, email,
                                            gtk_switch_get_active (self->global_switch),
                                            self->cancellable,
                                            tandem_git_identity_dialog_saved_cb, g_object_ref (self));
}

static void
tandem_git_identity_dialog_dispose (GObject *object)
{
  TandemGitIdentityDialog *self = (TandemGitIdentityDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (tandem_git_identity_dialog_parent_class)->dispose (object);
}

static void
tandem_git_identity_dialog_finalize (GObject *object)
{
  TandemGitIdentityDialog *self = (TandemGitIdentityDialog *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_git_identity_dialog_parent_class)->finalize (object);
}

static void
tandem_git_identity_dialog_class_init (TandemGitIdentityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_git_identity_dialog_dispose;
  object_class->finalize = tandem_git_identity_dialog_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_git_identity_dialog_init (TandemGitIdentityDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Git records a name and an email address with every commit. They become public when you push."));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *global_row = adw_action_row_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Who Are You?"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save and Commit")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  g_signal_connect_object (self->save_button, "clicked",
                           G_CALLBACK (tandem_git_identity_dialog_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  self->email_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->email_row), _("Email"));
  adw_entry_row_set_input_purpose (self->email_row, GTK_INPUT_PURPOSE_EMAIL);
  g_signal_connect_object (self->name_row, "changed",
                           G_CALLBACK (tandem_git_identity_dialog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->email_row, "changed",
                           G_CALLBACK (tandem_git_identity_dialog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "entry-activated",
                           G_CALLBACK (tandem_git_identity_dialog_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->email_row, "entry-activated",
                           G_CALLBACK (tandem_git_identity_dialog_save), self, G_CONNECT_SWAPPED);
  adw_entry_row_set_activates_default (self->name_row, FALSE);

  self->global_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->global_switch, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->global_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (global_row), _("Use for All Repositories"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (global_row),
                               _("Off: only for this repository"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (global_row), GTK_WIDGET (self->global_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (global_row), GTK_WIDGET (self->global_switch));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->email_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), global_row);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * tandem_git_identity_dialog_new:
 * @parent: (nullable): the window to stay above
 * @repository: the repository to write the identity for
 * @name: (nullable): a name to start with
 * @email: (nullable): an email address to start with
 *
 * Returns: (transfer none): the dialog, not shown yet; it is destroyed when closed
 */
GtkWidget *
tandem_git_identity_dialog_new (GtkWindow           *parent,
                                TandemGitRepository *repository,
                                const char          *name,
                                const char          *email)
{
  TandemGitIdentityDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (repository), NULL);

  self = g_object_new (TANDEM_TYPE_GIT_IDENTITY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->repository = g_object_ref (repository);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
  tandem_git_identity_dialog_changed_cb (self);

  return GTK_WIDGET (self);
}
