/* tandem-application.c
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

#define G_LOG_DOMAIN "tandem-application"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#ifdef HAVE_MALLOC_TRIM
# include <malloc.h>
#endif

#include "tandem-application-private.h"
#include "tandem-recent-projects.h"
#include "tandem-session.h"
#include "tandem-window.h"

G_DEFINE_FINAL_TYPE (TandemApplication, tandem_application, ADW_TYPE_APPLICATION)

/* Session state is written a moment after the last change (a tab opened, a file saved...)
 * so a crash loses at most this much of the layout; drafts hold the text itself. */
#define SESSION_SAVE_DELAY_MS 1000

TandemApplication *
tandem_application_new (void)
{
  return g_object_new (TANDEM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

TandemRecentProjects *
tandem_application_get_recent_projects (TandemApplication *self)
{
  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);

  if (self->recent_projects == NULL)
    self->recent_projects = tandem_recent_projects_new ();

  return self->recent_projects;
}

gboolean
tandem_application_get_quitting (TandemApplication *self)
{
  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), FALSE);

  return self->quitting;
}

TandemWindow *
tandem_application_find_project_window (TandemApplication *self,
                                        GFile             *folder)
{
  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *root;

      if (!TANDEM_IS_WINDOW (l->data))
        continue;

      root = tandem_window_get_project_root (l->data);
      if (root != NULL && g_file_equal (root, folder))
        return l->data;
    }

  return NULL;
}

static TandemWindow *
tandem_application_find_window_containing (TandemApplication *self,
                                           GFile             *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *root;

      if (!TANDEM_IS_WINDOW (l->data))
        continue;

      root = tandem_window_get_project_root (l->data);
      if (root != NULL && g_file_has_prefix (file, root))
        return l->data;
    }

  return NULL;
}

/**
 * tandem_application_open_project:
 * @folder: the project folder
 * @reuse: (nullable): a window showing the start screen that may take the project
 *
 * Presents the window of @folder, opening one when no window shows it.
 *
 * Returns: (transfer none): the window
 */
TandemWindow *
tandem_application_open_project (TandemApplication *self,
                                 GFile             *folder,
                                 TandemWindow      *reuse)
{
  TandemWindow *window;

  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  window = tandem_application_find_project_window (self, folder);
  if (window == NULL)
    {
      if (reuse != NULL && tandem_window_get_project_root (reuse) == NULL)
        window = reuse;
      else
        window = tandem_window_new (self);

      tandem_window_open_project (window, folder);
      tandem_window_restore_session (window, NULL);
      tandem_application_queue_session_save (self);
    }

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static GPtrArray *
tandem_application_capture_session (TandemApplication *self,
                                    TandemWindow      *closing)
{
  GPtrArray *windows;

  windows = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_session_window_free);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      TandemSessionWindow *state;

      if (!TANDEM_IS_WINDOW (l->data) || l->data == (gpointer)closing)
        continue;

      if ((state = tandem_window_capture_session (l->data)))
        g_ptr_array_add (windows, state);
    }

  return windows;
}

static void
tandem_application_session_saved_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tandem_session_save_finish (result, &error))
    g_warning ("Could not save the session: %s", error->message);
}

static gboolean
tandem_application_session_save_timeout (gpointer data)
{
  TandemApplication *self = data;
  g_autoptr(GPtrArray) windows = NULL;

  self->session_save_source = 0;

  windows = tandem_application_capture_session (self, NULL);
  tandem_session_save_async (windows, NULL, tandem_application_session_saved_cb, NULL);

  return G_SOURCE_REMOVE;
}

void
tandem_application_queue_session_save (TandemApplication *self)
{
  g_return_if_fail (TANDEM_IS_APPLICATION (self));

  if (self->quitting)
    return;

  g_clear_handle_id (&self->session_save_source, g_source_remove);
  self->session_save_source = g_timeout_add_full (G_PRIORITY_LOW, SESSION_SAVE_DELAY_MS,
                                                  tandem_application_session_save_timeout,
                                                  g_object_ref (self), g_object_unref);
}

/**
 * tandem_application_save_session:
 * @closing: (nullable): a window that is closing
 *
 * Writes the session now. A window that the user closes while others stay open is left
 * out; the last window is kept so that the next start reopens it.
 */
void
tandem_application_save_session (TandemApplication *self,
                                 TandemWindow      *closing)
{
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_projects = 0;

  g_return_if_fail (TANDEM_IS_APPLICATION (self));

  g_clear_handle_id (&self->session_save_source, g_source_remove);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TANDEM_IS_WINDOW (l->data) && tandem_window_get_project_root (l->data) != NULL)
      n_projects++;

  if (closing != NULL && n_projects <= 1)
    closing = NULL;

  windows = tandem_application_capture_session (self, closing);
  if (!tandem_session_save (windows, &error))
    g_warning ("Could not save the session: %s", error->message);
}

static void
tandem_application_restore_session (TandemApplication *self)
{
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GError) error = NULL;
  guint restored = 0;

  if (g_settings_get_boolean (self->settings, "restore-session"))
    {
      windows = tandem_session_load (&error);
      if (windows == NULL)
        g_warning ("The previous session could not be restored: %s", error->message);
    }

  for (guint i = 0; windows != NULL && i < windows->len; i++)
    {
      TandemSessionWindow *state = g_ptr_array_index (windows, i);
      g_autoptr(GFile) folder = g_file_new_for_path (state->project_path);
      TandemWindow *window;

      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY ||
          tandem_application_find_project_window (self, folder) != NULL)
        continue;

      window = tandem_window_new (self);
      tandem_window_open_project (window, folder);
      tandem_window_restore_session (window, state);
      gtk_window_present (GTK_WINDOW (window));
      restored++;
    }

  if (restored == 0)
    gtk_window_present (GTK_WINDOW (tandem_window_new (self)));
}

static void
tandem_application_activate (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  tandem_application_restore_session (self);
}

static void
tandem_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  TandemApplication *self = TANDEM_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      GFileType type = g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL);
      TandemWindow *window;

      if (type == G_FILE_TYPE_DIRECTORY)
        {
          tandem_application_open_project (self, files[i], NULL);
          continue;
        }

      window = tandem_application_find_window_containing (self, files[i]);
      if (window == NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (files[i]);

          if (parent == NULL)
            continue;
          window = tandem_application_open_project (self, parent, NULL);
        }

      tandem_window_open_file (window, files[i], -1, -1);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* Start-up parses templates and CSS and reads folders on worker threads; glibc keeps the
 * memory they freed. Give it back once the first windows are up. */
static gboolean
tandem_application_trim_memory_cb (gpointer data)
{
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
tandem_application_startup (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);

  G_APPLICATION_CLASS (tandem_application_parent_class)->startup (app);

  gtk_source_init ();
  g_set_application_name (_("Tandem"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (SCHEMA_ID);

  /* Follow the desktop's light/dark preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  _tandem_application_init_actions (self);

  g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, tandem_application_trim_memory_cb, NULL, NULL);
}

static void
tandem_application_shutdown (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);

  g_clear_handle_id (&self->session_save_source, g_source_remove);

  G_APPLICATION_CLASS (tandem_application_parent_class)->shutdown (app);
}

static void
tandem_application_finalize (GObject *object)
{
  TandemApplication *self = (TandemApplication *)object;

  g_clear_object (&self->recent_projects);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tandem_application_parent_class)->finalize (object);
}

static void
tandem_application_class_init (TandemApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tandem_application_finalize;
  app_class->activate = tandem_application_activate;
  app_class->open = tandem_application_open;
  app_class->startup = tandem_application_startup;
  app_class->shutdown = tandem_application_shutdown;
}

static void
tandem_application_init (TandemApplication *self)
{
}
