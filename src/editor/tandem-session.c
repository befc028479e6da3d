/* tandem-session.c
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

#define G_LOG_DOMAIN "tandem-session"

#include "config.h"

#include "tandem-session.h"
#include "tandem-utils.h"

/* The session is one versioned a{sv} GVariant file in $XDG_STATE_HOME/tandem/session:
 *   version: u
 *   windows: aa{sv}, each { project: s, width: i, height: i, maximized: b,
 *                           sidebar-width: i, active-tab: u,
 *                           tabs: aa{sv} of { uri: s, draft: s, line: u, line-offset: u } }
 * Unknown keys are ignored so that newer versions can add state. */

TandemSessionTab *
tandem_session_tab_new (const char *uri,
                        const char *draft_id,
                        guint       line,
                        guint       line_offset)
{
  TandemSessionTab *tab = g_new0 (TandemSessionTab, 1);

  tab->uri = (uri && *uri) ? g_strdup (uri) : NULL;
  tab->draft_id = (draft_id && *draft_id) ? g_strdup (draft_id) : NULL;
  tab->line = line;
  tab->line_offset = line_offset;

  return tab;
}

void
tandem_session_tab_free (TandemSessionTab *tab)
{
  if (tab == NULL)
    return;

  g_free (tab->uri);
  g_free (tab->draft_id);
  g_free (tab);
}

TandemSessionWindow *
tandem_session_window_new (const char *project_path)
{
  TandemSessionWindow *window = g_new0 (TandemSessionWindow, 1);

  window->project_path = g_strdup (project_path);
  window->width = 1200;
  window->height = 800;
  window->sidebar_width = 260;
  window->tabs = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_session_tab_free);

  return window;
}

void
tandem_session_window_free (TandemSessionWindow *window)
{
  if (window == NULL)
    return;

  g_free (window->project_path);
  g_clear_pointer (&window->tabs, g_ptr_array_unref);
  g_free (window);
}

char *
tandem_session_dup_path (void)
{
  g_autofree char *dir = tandem_dup_state_dir ();

  return g_build_filename (dir, "session", NULL);
}

GVariant *
tandem_session_serialize (GPtrArray *windows)
{
  GVariantBuilder builder;
  GVariantBuilder windows_builder;

  g_return_val_if_fail (windows != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (TANDEM_SESSION_VERSION));

  g_variant_builder_init (&windows_builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < windows->len; i++)
    {
      const TandemSessionWindow *window = g_ptr_array_index (windows, i);
      GVariantBuilder tabs_builder;

      g_variant_builder_init (&tabs_builder, G_VARIANT_TYPE ("aa{sv}"));
      for (guint j = 0; j < window->tabs->len; j++)
        {
          const TandemSessionTab *tab = g_ptr_array_index (window->tabs, j);

          g_variant_builder_open (&tabs_builder, G_VARIANT_TYPE_VARDICT);
          g_variant_builder_add (&tabs_builder, "{sv}", "uri",
                                 g_variant_new_string (tab->uri ? tab->uri : ""));
          g_variant_builder_add (&tabs_builder, "{sv}", "draft",
                                 g_variant_new_string (tab->draft_id ? tab->draft_id : ""));
          g_variant_builder_add (&tabs_builder, "{sv}", "line", g_variant_new_uint32 (tab->line));
          g_variant_builder_add (&tabs_builder, "{sv}", "line-offset",
                                 g_variant_new_uint32 (tab->line_offset));
          g_variant_builder_close (&tabs_builder);
        }

      g_variant_builder_open (&windows_builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&windows_builder, "{sv}", "project",
                             g_variant_new_string (window->project_path ? window->project_path : ""));
      g_variant_builder_add (&windows_builder, "{sv}", "width", g_variant_new_int32 (window->width));
      g_variant_builder_add (&windows_builder, "{sv}", "height", g_variant_new_int32 (window->height));
      g_variant_builder_add (&windows_builder, "{sv}", "maximized",
                             g_variant_new_boolean (window->maximized));
      g_variant_builder_add (&windows_builder, "{sv}", "sidebar-width",
                             g_variant_new_int32 (window->sidebar_width));
      g_variant_builder_add (&windows_builder, "{sv}", "active-tab",
                             g_variant_new_uint32 (window->active_tab));
      g_variant_builder_add (&windows_builder, "{sv}", "tabs", g_variant_builder_end (&tabs_builder));
      g_variant_builder_close (&windows_builder);
    }

  g_variant_builder_add (&builder, "{sv}", "windows", g_variant_builder_end (&windows_builder));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GPtrArray *
tandem_session_deserialize (GVariant  *state,
                            GError   **error)
{
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GVariant) windows_v = NULL;
  GVariantIter iter;
  GVariant *window_v;
  guint32 version = 0;

  g_return_val_if_fail (state != NULL, NULL);

  if (!g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (state, "version", "u", &version))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The session file is damaged");
      return NULL;
    }

  if (version > TANDEM_SESSION_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The session was written by a newer version (%u)", version);
      return NULL;
    }

  windows = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_session_window_free);
  windows_v = g_variant_lookup_value (state, "windows", G_VARIANT_TYPE ("aa{sv}"));
  if (windows_v == NULL)
    return g_steal_pointer (&windows);

  g_variant_iter_init (&iter, windows_v);
  while ((window_v = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) tabs_v = NULL;
      TandemSessionWindow *window;
      const char *project = NULL;

      if (!g_variant_lookup (window_v, "project", "&s", &project) || project[0] == '\0')
        {
          g_variant_unref (window_v);
          continue;
        }

      window = tandem_session_window_new (project);
      g_variant_lookup (window_v, "width", "i", &window->width);
      g_variant_lookup (window_v, "height", "i", &window->height);
      g_variant_lookup (window_v, "maximized", "b", &window->maximized);
      g_variant_lookup (window_v, "sidebar-width", "i", &window->sidebar_width);
      g_variant_lookup (window_v, "active-tab", "u", &window->active_tab);

      tabs_v = g_variant_lookup_value (window_v, "tabs", G_VARIANT_TYPE ("aa{sv}"));
      if (tabs_v != NULL)
        {
          GVariantIter tab_iter;
          GVariant *tab_v;

          g_variant_iter_init (&tab_iter, tabs_v);
          while ((tab_v = g_variant_iter_next_value (&tab_iter)))
            {
              const char *uri = NULL;
              const char *draft = NULL;
              guint32 line = 0;
              guint32 line_offset = 0;

              g_variant_lookup (tab_v, "uri", "&s", &uri);
              g_variant_lookup (tab_v, "draft", "&s", &draft);
              g_variant_lookup (tab_v, "line", "u", &line);
              g_variant_lookup (tab_v, "line-offset", "u", &line_offset);

              if ((uri && *uri) || (draft && *draft))
                g_ptr_array_add (window->tabs,
                                 tandem_session_tab_new (uri, draft, line, line_offset));
              g_variant_unref (tab_v);
            }
        }

      g_ptr_array_add (windows, window);
      g_variant_unref (window_v);
    }

  return g_steal_pointer (&windows);
}

gboolean
tandem_session_save (GPtrArray  *windows,
                     GError    **error)
{
  g_autoptr(GVariant) state = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (windows != NULL, FALSE);

  state = tandem_session_serialize (windows);
  path = tandem_session_dup_path ();

  return tandem_write_file_atomic (path,
                                   g_variant_get_data (state),
                                   g_variant_get_size (state),
                                   error);
}

static void
tandem_session_save_worker (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  GVariant *state = task_data;
  g_autofree char *path = tandem_session_dup_path ();
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (state != NULL);

  if (!tandem_write_file_atomic (path, g_variant_get_data (state), g_variant_get_size (state),
                                 &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
tandem_session_save_async (GPtrArray           *windows,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (windows != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_session_save_async);
  g_task_set_task_data (task, tandem_session_serialize (windows), (GDestroyNotify)g_variant_unref);
  g_task_run_in_thread (task, tandem_session_save_worker);
}

gboolean
tandem_session_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_session_load:
 * @error: a location for a #GError
 *
 * Reads the saved session. A missing file is an empty session, not an error.
 *
 * Returns: (transfer full) (nullable): a #GPtrArray of #TandemSessionWindow
 */
GPtrArray *
tandem_session_load (GError **error)
{
  g_autofree char *path = tandem_session_dup_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_session_window_free);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  state = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));

  /* Untrusted bytes: normalise before reading so a damaged file cannot crash us. */
  if (!g_variant_is_normal_form (state))
    {
      g_autoptr(GVariant) normal = g_variant_get_normal_form (state);

      g_clear_pointer (&state, g_variant_unref);
      state = g_steal_pointer (&normal);
    }

  return tandem_session_deserialize (state, error);
}
