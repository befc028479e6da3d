/* tandem-application-actions.c
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

#define G_LOG_DOMAIN "tandem-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-application-private.h"
#include "tandem-document.h"
#include "tandem-preferences-window.h"
#include "tandem-save-dialog.h"
#include "tandem-window.h"

static void
tandem_application_quit_confirmed_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(TandemApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_save_dialog_run_finish (result, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && TANDEM_IS_WINDOW (window))
        {
          g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
          tandem_window_add_toast (TANDEM_WINDOW (window), message);
        }
      return;
    }

  /* Every window is in the session, including the one the user quit from. */
  tandem_application_save_session (self, NULL);
  self->quitting = TRUE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
tandem_application_quit_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  TandemApplication *self = user_data;
  g_autoptr(GPtrArray) documents = NULL;
  GtkWindow *parent;

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      g_autoptr(GPtrArray) modified = NULL;

      if (!TANDEM_IS_WINDOW (l->data))
        continue;

      modified = tandem_window_list_modified (l->data);
      for (guint i = 0; i < modified->len; i++)
        g_ptr_array_add (documents, g_object_ref (g_ptr_array_index (modified, i)));
    }

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  tandem_save_dialog_run_async (parent, documents, NULL,
                                tandem_application_quit_confirmed_cb, g_object_ref (self));
}

static void
tandem_application_new_window_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  TandemApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (tandem_window_new (self)));
}

static void
tandem_application_preferences_action (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  TandemApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (tandem_preferences_window_new (parent)));
}

static void
tandem_application_about_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  TandemApplication *self = user_data;
  static const char *developers[] = { "The Tandem authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Tandem"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Tandem authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Edit, run, commit and push code with an AI pair programmer"),
                        "website", "https://github.com/tandemide/tandem",
                        "issue-url", "https://github.com/tandemide/tandem/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your name and address, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", tandem_application_quit_action },
  { "new-window", tandem_application_new_window_action },
  { "preferences", tandem_application_preferences_action },
  { "about", tandem_application_about_action },
};

void
_tandem_application_init_actions (TandemApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}
