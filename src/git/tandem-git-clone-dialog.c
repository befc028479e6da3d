/* tandem-git-clone-dialog.c
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

#define G_LOG_DOMAIN "tandem-git-clone-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-git-clone-dialog.h"
#include "tandem-git-error.h"
#include "tandem-git-prompt-dialog.h"
#include "tandem-git-remote.h"

struct _TandemGitCloneDialog
{
  AdwWindow             parent_instance;

  GFile                *parent_folder;
  TandemGitOperation   *operation;
  GCancellable         *check_cancellable;
  GFile                *destination;
  GtkFileChooserNative *chooser;

  /* Template children */
  GtkButton            *cancel_button;
  GtkButton            *clone_button;
  GtkWidget            *form_box;
  AdwEntryRow          *url_row;
  AdwActionRow         *parent_row;
  GtkButton            *choose_button;
  AdwEntryRow          *name_row;
  GtkLabel             *error_label;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkLabel             *remote_label;

  char                 *guessed_name;

  guint                 busy : 1;
  guint                 close_when_done : 1;
};

enum {
  PROP_0,
  PROP_PARENT_FOLDER,
  N_PROPS
};

enum {
  CLONED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemGitCloneDialog, tandem_git_clone_dialog, ADW_TYPE_WINDOW)

static gboolean
is_scp_like (const char *url)
{
  const char *at = strchr (url, '@');
  const char *colon;

  /* user@host:path, as git understands it: no "://", a user, a host, then a path. */
  if (at == NULL || at == url)
    return FALSE;
  colon = strchr (at + 1, ':');
  if (colon == NULL || colon == at + 1 || colon[1] == '\0')
    return FALSE;
  for (const char *p = url; p < at; p++)
    if (g_ascii_isspace (*p) || *p == '/' || *p == ':')
      return FALSE;
  for (const char *p = at + 1; p < colon; p++)
    if (g_ascii_isspace (*p) || *p == '/')
      return FALSE;
  return TRUE;
}

static gboolean
url_is_valid (const char *url)
{
  static const char * const schemes[] = { "https://", "http://", "ssh://", "git://", "file://" };

  g_assert (url != NULL);

  for (const char *p = url; *p; p++)
    if (g_ascii_isspace (*p))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      if (g_ascii_strncasecmp (url, schemes[i], strlen (schemes[i])) == 0)
        {
          const char *rest = url + strlen (schemes[i]);

          /* file:///path has an empty host; the others need one and a path after it. */
          if (g_str_equal (schemes[i], "file://"))
            return rest[0] == '/' && rest[1] != '\0';
          return rest[0] != '\0' && rest[0] != '/' && strchr (rest, '/') != NULL &&
                 strchr (rest, '/')[1] != '\0';
        }
    }

  if (strstr (url, "://") != NULL)
    return FALSE;

  return is_scp_like (url);
}

/* "repo" from "https://host/group/repo.git/", "git@host:repo.git" or "file:///x/repo". */
static char *
guess_folder_name (const char *url)
{
  g_autofree char *copy = g_strdup (url);
  gsize len = strlen (copy);
  const char *start;

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  if (g_str_has_suffix (copy, ".git"))
    copy[len - 4] = '\0';
  while (len > 0 && copy[strlen (copy) - 1] == '/')
    copy[strlen (copy) - 1] = '\0';

  start = strrchr (copy, '/');
  if (start == NULL)
    start = strrchr (copy, ':');
  start = start != NULL ? start + 1 : copy;

  if (start[0] == '\0' || g_str_equal (start, ".") || g_str_equal (start, ".."))
    return NULL;
  return g_strdup (start);
}

static gboolean
name_is_valid (const char *name)
{
  return name[0] != '\0' && strchr (name, '/') == NULL &&
         !g_str_equal (name, ".") && !g_str_equal (name, "..");
}

static void
tandem_git_clone_dialog_show_error (TandemGitCloneDialog *self,
                                    const char           *message)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
tandem_git_clone_dialog_update (TandemGitCloneDialog *self)
{
  const char *url;
  const char *name;
  gboolean url_ok;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  url_ok = url_is_valid (url);

  if (url[0] != '\0' && !url_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

  if (name[0] != '\0' && !name_is_valid (name))
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  gtk_widget_set_sensitive (GTK_WIDGET (self->clone_button),
                            !self->busy && url_ok && name_is_valid (name) &&
                            self->parent_folder != NULL);
  gtk_widget_set_sensitive (self->form_box, !self->busy);
  gtk_button_set_label (self->cancel_button, self->busy ? _("_Stop") : _("_Cancel"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               self->busy ? _("Stop cloning and remove what was downloaded") : NULL);
}

static void
tandem_git_clone_dialog_set_busy (TandemGitCloneDialog *self,
                                  gboolean              busy)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  self->busy = !!busy;
  /* Focus leaves the form before it turns insensitive: Stop is what can be used now. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  gtk_widget_set_visible (self->progress_box, busy);
  tandem_git_clone_dialog_update (self);
}

static void
tandem_git_clone_dialog_url_changed_cb (TandemGitCloneDialog *self)
{
  const char *url;
  const char *name;
  g_autofree char *guess = NULL;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  guess = url_is_valid (url) ? guess_folder_name (url) : NULL;

  /* Follow the URL until the user types a name of their own. */
  if (name[0] == '\0' || g_strcmp0 (name, self->guessed_name) == 0)
    {
      g_free (self->guessed_name);
      self->guessed_name = g_strdup (guess != NULL ? guess : "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->guessed_name);
    }

  if (url[0] != '\0' && !url_is_valid (url))
    tandem_git_clone_dialog_show_error (self,
                                        _("Enter a Git address such as "
                                          "https://example.com/team/project.git, "
                                          "git@example.com:team/project.git or "
                                          "file:///path/to/project"));
  else
    tandem_git_clone_dialog_show_error (self, NULL);
  tandem_git_clone_dialog_update (self);
}

static void
tandem_git_clone_dialog_name_changed_cb (TandemGitCloneDialog *self)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  tandem_git_clone_dialog_show_error (self, NULL);
  tandem_git_clone_dialog_update (self);
}

static void
tandem_git_clone_dialog_set_parent_folder (TandemGitCloneDialog *self,
                                           GFile                *folder)
{
  g_autofree char *display = NULL;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));
  g_assert (folder == NULL || G_IS_FILE (folder));

  if (!g_set_object (&self->parent_folder, folder))
    return;

  if (folder != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);
      const char *home = g_get_home_dir ();

      if (path != NULL && g_str_has_prefix (path, home) &&
          (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
        display = g_strconcat ("~", path + strlen (home), NULL);
      else
        display = path != NULL ? g_steal_pointer (&path) : g_file_get_uri (folder);
    }
  adw_action_row_set_subtitle (self->parent_row, display != NULL ? display : "");

  tandem_git_clone_dialog_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_FOLDER]);
}

static void
tandem_git_clone_dialog_chooser_response_cb (TandemGitCloneDialog *self,
                                             int                   response,
                                             GtkNativeDialog      *chooser)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));
  g_assert (GTK_IS_NATIVE_DIALOG (chooser));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        tandem_git_clone_dialog_set_parent_folder (self, folder);
    }

  g_clear_object (&self->chooser);
}

static void
tandem_git_clone_dialog_choose_clicked_cb (TandemGitCloneDialog *self)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose Parent Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->parent_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->parent_folder, NULL);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (tandem_git_clone_dialog_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
tandem_git_clone_dialog_operation_notify_cb (TandemGitCloneDialog *self,
                                             GParamSpec           *pspec,
                                             TandemGitOperation   *operation)
{
  double fraction;
  const char *text;
  const char *remote;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));
  g_assert (TANDEM_IS_GIT_OPERATION (operation));

  if (operation != self->operation)
    return;

  fraction = tandem_git_operation_get_fraction (operation);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0., 1.));

  text = tandem_git_operation_get_text (operation);
  if (text != NULL && text[0] != '\0')
    gtk_label_set_text (self->progress_label, text);

  remote = tandem_git_operation_get_remote_text (operation);
  gtk_label_set_text (self->remote_label, remote != NULL ? remote : "");
}

static void
tandem_git_clone_dialog_operation_prompt_cb (TandemGitCloneDialog *self,
                                             TandemGitPrompt      *prompt,
                                             TandemGitOperation   *operation)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));
  g_assert (TANDEM_IS_GIT_PROMPT (prompt));
  g_assert (TANDEM_IS_GIT_OPERATION (operation));

  tandem_git_prompt_dialog_present (GTK_WINDOW (self), prompt);
}

static char *
describe_error (const GError *error)
{
  const char *what = NULL;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Cloning was stopped. Nothing was kept."));

  if (error->domain == TANDEM_GIT_ERROR)
    {
      switch ((TandemGitError) error->code)
        {
        case TANDEM_GIT_ERROR_AUTH_FAILED:
          what = _("Signing in failed. Check your user name, password, token or SSH key, then try again.");
          break;
        case TANDEM_GIT_ERROR_HOST_KEY:
          what = _("The server’s SSH key was not accepted, so nothing was downloaded.");
          break;
        case TANDEM_GIT_ERROR_CERTIFICATE:
          what = _("The server’s certificate was not accepted, so nothing was downloaded.");
          break;
        case TANDEM_GIT_ERROR_NETWORK:
          what = _("The server could not be reached. Check the address and your connection.");
          break;
        case TANDEM_GIT_ERROR_DESTINATION_NOT_EMPTY:
          what = _("The destination folder is not empty. Choose another folder name.");
          break;
        case TANDEM_GIT_ERROR_NOT_A_REPOSITORY:
          what = _("There is no Git repository at this address.");
          break;
        case TANDEM_GIT_ERROR_FAILED:
        case TANDEM_GIT_ERROR_IDENTITY_MISSING:
        case TANDEM_GIT_ERROR_NOTHING_TO_COMMIT:
        case TANDEM_GIT_ERROR_EMPTY_MESSAGE:
        case TANDEM_GIT_ERROR_WOULD_OVERWRITE:
        case TANDEM_GIT_ERROR_UNMERGED:
        case TANDEM_GIT_ERROR_EXISTS:
        case TANDEM_GIT_ERROR_INVALID_NAME:
        case TANDEM_GIT_ERROR_DIFF_CHANGED:
        case TANDEM_GIT_ERROR_CONFLICTS:
        case TANDEM_GIT_ERROR_NO_REMOTE:
        case TANDEM_GIT_ERROR_NO_UPSTREAM:
        case TANDEM_GIT_ERROR_REJECTED:
        case TANDEM_GIT_ERROR_NON_FAST_FORWARD:
        default:
          break;
        }
    }

  if (what == NULL)
    return g_strdup (error->message);
  if (g_str_equal (what, error->message))
    return g_strdup (what);
  return g_strdup_printf ("%s\n%s", what, error->message);
}

static void
tandem_git_clone_dialog_clone_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(TandemGitCloneDialog) self = user_data;
  g_autoptr(GFile) workdir = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_ASYNC_RESULT (result));
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  workdir = tandem_git_clone_finish (result, &error);
  g_clear_object (&self->operation);

  /* The window was destroyed while cloning (its parent closed): nothing to show. */
  if (self->url_row == NULL)
    return;

  tandem_git_clone_dialog_set_busy (self, FALSE);

  if (workdir != NULL)
    {
      g_signal_emit (self, signals[CLONED], 0, workdir);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  {
    g_autofree char *message = describe_error (error);

    tandem_git_clone_dialog_show_error (self, message);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
tandem_git_clone_dialog_start (TandemGitCloneDialog *self)
{
  const char *url;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));
  g_assert (self->operation == NULL);

  url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  self->operation = tandem_git_operation_new ();
  g_signal_connect_object (self->operation, "notify",
                           G_CALLBACK (tandem_git_clone_dialog_operation_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->operation, "prompt",
                           G_CALLBACK (tandem_git_clone_dialog_operation_prompt_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Connecting…"));
  gtk_label_set_text (self->remote_label, "");
  tandem_git_clone_dialog_set_busy (self, TRUE);

  tandem_git_clone_async (url, self->destination, self->operation,
                          tandem_git_clone_dialog_clone_cb, g_object_ref (self));
}

static void
tandem_git_clone_dialog_refuse_destination (TandemGitCloneDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->destination);
  g_autofree char *message = NULL;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  message = g_strdup_printf (_("“%s” already exists in the parent folder and is not empty. "
                               "Choose another folder name or parent folder."), name);
  tandem_git_clone_dialog_set_busy (self, FALSE);
  tandem_git_clone_dialog_show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
tandem_git_clone_dialog_next_files_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  GFileEnumerator *enumerator = G_FILE_ENUMERATOR (object);
  g_autoptr(TandemGitCloneDialog) self = user_data;
  g_autolist(GFileInfo) infos = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  infos = g_file_enumerator_next_files_finish (enumerator, result, &error);
  g_file_enumerator_close_async (enumerator, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (infos != NULL || error != NULL)
    tandem_git_clone_dialog_refuse_destination (self);
  else
    tandem_git_clone_dialog_start (self);
}

static void
tandem_git_clone_dialog_enumerate_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(TandemGitCloneDialog) self = user_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_FILE (object));
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  enumerator = g_file_enumerate_children_finish (G_FILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      tandem_git_clone_dialog_start (self);
      return;
    }

  if (error != NULL)
    {
      /* A file of that name, or a folder we may not read. */
      tandem_git_clone_dialog_refuse_destination (self);
      return;
    }

  g_file_enumerator_next_files_async (enumerator, 1, G_PRIORITY_DEFAULT, self->check_cancellable,
                                      tandem_git_clone_dialog_next_files_cb,
                                      g_object_ref (self));
}

static void
tandem_git_clone_dialog_clone_clicked_cb (TandemGitCloneDialog *self)
{
  const char *name;

  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->clone_button)))
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_set_object (&self->destination, NULL);
  self->destination = g_file_get_child (self->parent_folder, name);

  tandem_git_clone_dialog_show_error (self, NULL);
  tandem_git_clone_dialog_set_busy (self, TRUE);
  gtk_label_set_text (self->progress_label, _("Checking the destination…"));

  /* Refuse a non-empty destination before anything starts (the service checks again). */
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  g_file_enumerate_children_async (self->destination, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, G_PRIORITY_DEFAULT,
                                   self->check_cancellable,
                                   tandem_git_clone_dialog_enumerate_cb, g_object_ref (self));
}

static void
tandem_git_clone_dialog_cancel_clicked_cb (TandemGitCloneDialog *self)
{
  g_assert (TANDEM_IS_GIT_CLONE_DIALOG (self));

  if (self->operation != NULL)
    tandem_git_operation_cancel (self->operation);
  else if (self->busy)
    {
      /* Still checking the destination: back to the form. */
      g_cancellable_cancel (self->check_cancellable);
      tandem_git_clone_dialog_set_busy (self, FALSE);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tandem_git_clone_dialog_close_request (GtkWindow *window)
{
  TandemGitCloneDialog *self = TANDEM_GIT_CLONE_DIALOG (window);

  /* Closing while cloning stops the clone first; the window goes when it has stopped. */
  if (self->operation != NULL)
    {
      self->close_when_done = TRUE;
      tandem_git_operation_cancel (self->operation);
      return TRUE;
    }

  g_cancellable_cancel (self->check_cancellable);

  return GTK_WINDOW_CLASS (tandem_git_clone_dialog_parent_class)->close_request (window);
}

static void
tandem_git_clone_dialog_escape (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TandemGitCloneDialog *self = TANDEM_GIT_CLONE_DIALOG (widget);

  if (!self->busy)
    gtk_window_close (GTK_WINDOW (self));
}

static void
tandem_git_clone_dialog_dispose (GObject *object)
{
  TandemGitCloneDialog *self = (TandemGitCloneDialog *)object;

  if (self->operation != NULL)
    tandem_git_operation_cancel (self->operation);
  g_cancellable_cancel (self->check_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_GIT_CLONE_DIALOG);

  g_clear_object (&self->chooser);
  g_clear_object (&self->operation);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->destination);
  g_clear_object (&self->parent_folder);

  G_OBJECT_CLASS (tandem_git_clone_dialog_parent_class)->dispose (object);
}

static void
tandem_git_clone_dialog_finalize (GObject *object)
{
  TandemGitCloneDialog *self = (TandemGitCloneDialog *)object;

  g_clear_pointer (&self->guessed_name, g_free);

  G_OBJECT_CLASS (tandem_git_clone_dialog_parent_class)->finalize (object);
}

static void
tandem_git_clone_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TandemGitCloneDialog *self = TANDEM_GIT_CLONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PARENT_FOLDER:
      g_value_set_object (value, self->parent_folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_clone_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TandemGitCloneDialog *self = TANDEM_GIT_CLONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PARENT_FOLDER:
      if (g_value_get_object (value) != NULL)
        tandem_git_clone_dialog_set_parent_folder (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_clone_dialog_class_init (TandemGitCloneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_git_clone_dialog_dispose;
  object_class->finalize = tandem_git_clone_dialog_finalize;
  object_class->get_property = tandem_git_clone_dialog_get_property;
  object_class->set_property = tandem_git_clone_dialog_set_property;

  window_class->close_request = tandem_git_clone_dialog_close_request;

  /**
   * TandemGitCloneDialog:parent-folder:
   *
   * The folder the clone is made in; defaults to ~/Projects when it exists, else home.
   */
  properties[PROP_PARENT_FOLDER] =
    g_param_spec_object ("parent-folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemGitCloneDialog::cloned:
   * @workdir: the new work tree
   */
  signals[CLONED] =
    g_signal_new ("cloned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/git/tandem-git-clone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, clone_button);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitCloneDialog, remote_label);
  gtk_widget_class_bind_template_callback (widget_class, tandem_git_clone_dialog_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_git_clone_dialog_clone_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_git_clone_dialog_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_git_clone_dialog_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tandem_git_clone_dialog_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "clone-dialog.escape", NULL,
                                   tandem_git_clone_dialog_escape);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "clone-dialog.escape", NULL);
}

static void
tandem_git_clone_dialog_init (TandemGitCloneDialog *self)
{
  g_autofree char *projects = g_build_filename (g_get_home_dir (), "Projects", NULL);
  g_autoptr(GFile) folder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->clone_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->url_row));

  /* One stat when the dialog opens, to pick the usual place for projects. */
  if (g_file_test (projects, G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (projects);
  else
    folder = g_file_new_for_path (g_get_home_dir ());
  tandem_git_clone_dialog_set_parent_folder (self, folder);
}

/**
 * tandem_git_clone_dialog_new:
 * @parent: (nullable): the window to be modal to
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
GtkWidget *
tandem_git_clone_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TANDEM_TYPE_GIT_CLONE_DIALOG,
                       "transient-for", parent,
                       NULL);
}
