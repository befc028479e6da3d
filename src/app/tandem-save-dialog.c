/* tandem-save-dialog.c
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

#define G_LOG_DOMAIN "tandem-save-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-document.h"
#include "tandem-save-dialog.h"

/* Asking before unsaved work is dropped: one dialog for a tab, one dialog listing every
 * modified buffer for a window or for quitting. "Save" goes through a file chooser for
 * untitled buffers; any failure or cancel stops the close and loses nothing. */

typedef struct
{
  GtkWindow *parent;
  GPtrArray *documents;
  guint      index;
} SaveAll;

static void
save_all_free (SaveAll *state)
{
  g_clear_object (&state->parent);
  g_clear_pointer (&state->documents, g_ptr_array_unref);
  g_free (state);
}

static void save_all_next (GTask *task);

static void
tandem_save_dialog_document_saved_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_DOCUMENT (object));
  g_assert (G_IS_TASK (task));

  if (!tandem_document_save_finish (TANDEM_DOCUMENT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
tandem_save_dialog_chooser_response_cb (GtkNativeDialog *chooser,
                                        int              response,
                                        gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  TandemDocument *document = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  g_assert (GTK_IS_NATIVE_DIALOG (chooser));
  g_assert (G_IS_TASK (task));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Saving was cancelled"));
      return;
    }

  tandem_document_save_async (document, file, g_task_get_cancellable (task),
                              tandem_save_dialog_document_saved_cb, g_steal_pointer (&task));
}

void
tandem_save_dialog_save_as_async (GtkWindow           *parent,
                                  TandemDocument      *document,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  GFile *file;
  GFile *root;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (TANDEM_IS_DOCUMENT (document));

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_save_dialog_save_as_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);

  title = tandem_document_dup_title (document);
  chooser = gtk_file_chooser_native_new (_("Save As"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  file = tandem_document_get_file (document);
  root = tandem_document_get_project_root (document);
  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
  else
    {
      if (root != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), root, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), title);
    }

  g_signal_connect (chooser, "response",
                    G_CALLBACK (tandem_save_dialog_chooser_response_cb), g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
tandem_save_dialog_save_as_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_save_dialog_save_async:
 *
 * Saves @document to its file, or asks where to save it when it has none.
 */
void
tandem_save_dialog_save_async (GtkWindow           *parent,
                               TandemDocument      *document,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (TANDEM_IS_DOCUMENT (document));

  if (tandem_document_get_file (document) == NULL)
    {
      tandem_save_dialog_save_as_async (parent, document, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_save_dialog_save_async);
  tandem_document_save_async (document, NULL, cancellable,
                              tandem_save_dialog_document_saved_cb, g_steal_pointer (&task));
}

gboolean
tandem_save_dialog_save_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_all_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));

  if (!tandem_save_dialog_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_all_next (g_steal_pointer (&task));
}

static void
save_all_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  SaveAll *state = g_task_get_task_data (task);
  TandemDocument *document;

  if (state->index >= state->documents->len)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  document = g_ptr_array_index (state->documents, state->index++);
  tandem_save_dialog_save_async (state->parent, document, g_task_get_cancellable (task),
                                 save_all_saved_cb, g_steal_pointer (&task));
}

static void
tandem_save_dialog_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveAll *state = g_task_get_task_data (task);

  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (G_IS_TASK (task));

  if (g_strcmp0 (response, "save") == 0)
    {
      save_all_next (g_steal_pointer (&task));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      for (guint i = 0; i < state->documents->len; i++)
        tandem_document_discard_draft (g_ptr_array_index (state->documents, i));
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Closing was cancelled"));
    }
}

/**
 * tandem_save_dialog_run_async:
 * @parent: the window to attach the dialog to
 * @documents: (element-type TandemDocument): the modified documents
 *
 * Asks once whether to save, discard or keep the listed documents. Finishes with
 * %TRUE when the caller may go on closing, or an error when the user cancelled or a
 * save failed.
 */
void
tandem_save_dialog_run_async (GtkWindow           *parent,
                              GPtrArray           *documents,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) body = NULL;
  SaveAll *state;
  GtkWidget *dialog;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (documents != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_save_dialog_run_async);

  state = g_new0 (SaveAll, 1);
  state->parent = parent ? g_object_ref (parent) : NULL;
  state->documents = g_ptr_array_ref (documents);
  g_task_set_task_data (task, state, (GDestroyNotify)save_all_free);

  if (documents->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  body = g_string_new (NULL);
  if (documents->len == 1)
    {
      g_autofree char *title = tandem_document_dup_title (g_ptr_array_index (documents, 0));

      /* Translators: %s is a file name */
      g_string_append_printf (body, _("“%s” has unsaved changes. If you don’t save, they will be lost."),
                              title);
    }
  else
    {
      g_string_append (body, _("These files have unsaved changes. If you don’t save, they will be lost:"));
      g_string_append_c (body, '\n');
      for (guint i = 0; i < documents->len; i++)
        {
          g_autofree char *title = tandem_document_dup_title (g_ptr_array_index (documents, i));
          g_string_append_printf (body, "\n• %s", title);
        }
    }

  dialog = adw_message_dialog_new (parent, _("Save Changes?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", documents->len == 1 ? _("_Discard") : _("_Discard All"),
                                    "save", documents->len == 1 ? _("_Save") : _("_Save All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (tandem_save_dialog_response_cb),
                    g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
tandem_save_dialog_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
