/* tandem-recent-projects.c
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

#define G_LOG_DOMAIN "tandem-recent-projects"

#include "config.h"

#include "tandem-recent-projects.h"
#include "tandem-utils.h"

/* The file holds one GVariant of this type: (version, [(uri, last-opened)]), most
 * recent first. Bump the version when the layout changes. */
#define RECENT_FORMAT_VERSION 1
#define RECENT_VARIANT_TYPE   "(ua(sx))"
#define RECENT_FILE_NAME      "recent-projects"

struct _TandemRecentProjects
{
  GObject    parent_instance;

  GPtrArray *items;
  char      *path;
  /* Tasks from tandem_recent_projects_flush_async() waiting for the writes. */
  GPtrArray *flush_tasks;
  GError    *save_error;

  guint      saving : 1;
  guint      dirty : 1;
};

static GType
tandem_recent_projects_get_item_type (GListModel *model)
{
  return TANDEM_TYPE_RECENT_PROJECT;
}

static guint
tandem_recent_projects_get_n_items (GListModel *model)
{
  TandemRecentProjects *self = TANDEM_RECENT_PROJECTS (model);

  return self->items->len;
}

static gpointer
tandem_recent_projects_get_item (GListModel *model,
                                 guint       position)
{
  TandemRecentProjects *self = TANDEM_RECENT_PROJECTS (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_recent_projects_get_item_type;
  iface->get_n_items = tandem_recent_projects_get_n_items;
  iface->get_item = tandem_recent_projects_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemRecentProjects, tandem_recent_projects, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void tandem_recent_projects_save (TandemRecentProjects *self);

static void
tandem_recent_projects_load (TandemRecentProjects *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  char *contents = NULL;
  gsize length = 0;
  guint32 version = 0;
  const char *uri;
  gint64 last_opened;

  g_assert (TANDEM_IS_RECENT_PROJECTS (self));

  if (!g_file_get_contents (self->path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Could not read %s: %s", self->path, error->message);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  variant = g_variant_new_from_bytes (G_VARIANT_TYPE (RECENT_VARIANT_TYPE), bytes, FALSE);
  g_variant_ref_sink (variant);

  /* Anything but the exact serialisation we write is a damaged file: start afresh. */
  if (!g_variant_is_normal_form (variant))
    {
      g_debug ("Ignoring damaged %s", self->path);
      return;
    }

  g_variant_get (variant, "(ua(sx))", &version, &iter);
  if (version != RECENT_FORMAT_VERSION)
    {
      g_debug ("Ignoring %s: unknown version %u", self->path, version);
      return;
    }

  while (g_variant_iter_next (iter, "(&sx)", &uri, &last_opened))
    {
      g_autoptr(GFile) file = NULL;
      gboolean duplicate = FALSE;

      if (self->items->len >= TANDEM_RECENT_PROJECTS_MAX)
        break;

      if (uri[0] == '\0' || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
        continue;

      file = g_file_new_for_uri (uri);

      for (guint i = 0; i < self->items->len && !duplicate; i++)
        duplicate = g_file_equal (file,
                                  tandem_recent_project_get_file (g_ptr_array_index (self->items, i)));

      if (!duplicate)
        g_ptr_array_add (self->items, tandem_recent_project_new (file, last_opened));
    }
}

static GBytes *
tandem_recent_projects_serialize (TandemRecentProjects *self)
{
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder;

  g_assert (TANDEM_IS_RECENT_PROJECTS (self));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sx)"));
  for (guint i = 0; i < self->items->len; i++)
    {
      TandemRecentProject *project = g_ptr_array_index (self->items, i);
      g_autofree char *uri = g_file_get_uri (tandem_recent_project_get_file (project));

      g_variant_builder_add (&builder, "(sx)", uri,
                             tandem_recent_project_get_last_opened (project));
    }

  variant = g_variant_ref_sink (g_variant_new ("(ua(sx))", RECENT_FORMAT_VERSION, &builder));

  return g_variant_get_data_as_bytes (variant);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  const char *path;
  GError *error = NULL;
  gsize length = 0;
  const char *data;

  g_assert (G_IS_TASK (task));
  g_assert (bytes != NULL);

  path = g_object_get_data (G_OBJECT (task), "path");
  data = g_bytes_get_data (bytes, &length);

  if (!tandem_write_file_atomic (path, data, length, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
tandem_recent_projects_complete_flushes (TandemRecentProjects *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  g_assert (TANDEM_IS_RECENT_PROJECTS (self));

  tasks = g_steal_pointer (&self->flush_tasks);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (self->save_error != NULL)
        g_task_return_error (task, g_error_copy (self->save_error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TandemRecentProjects *self = TANDEM_RECENT_PROJECTS (object);
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_RECENT_PROJECTS (self));
  g_assert (G_IS_TASK (result));

  self->saving = FALSE;
  g_clear_error (&self->save_error);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not save recent projects: %s", error->message);
      self->save_error = g_steal_pointer (&error);
    }

  /* Changes made while writing are written now, in order. */
  if (self->dirty)
    tandem_recent_projects_save (self);
  else
    tandem_recent_projects_complete_flushes (self);
}

static void
tandem_recent_projects_save (TandemRecentProjects *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (TANDEM_IS_RECENT_PROJECTS (self));

  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }

  self->dirty = FALSE;
  self->saving = TRUE;

  /* The task holds a reference on @self, so a write in flight always finishes. */
  task = g_task_new (self, NULL, save_cb, NULL);
  g_task_set_source_tag (task, tandem_recent_projects_save);
  g_task_set_task_data (task, tandem_recent_projects_serialize (self),
                        (GDestroyNotify)g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (self->path), g_free);
  g_task_run_in_thread (task, save_thread);
}

static void
tandem_recent_projects_finalize (GObject *object)
{
  TandemRecentProjects *self = (TandemRecentProjects *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->flush_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->save_error);

  G_OBJECT_CLASS (tandem_recent_projects_parent_class)->finalize (object);
}

static void
tandem_recent_projects_class_init (TandemRecentProjectsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_recent_projects_finalize;
}

static void
tandem_recent_projects_init (TandemRecentProjects *self)
{
  g_autofree char *state_dir = tandem_dup_state_dir ();

  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->path = g_build_filename (state_dir, RECENT_FILE_NAME, NULL);
}

/**
 * tandem_recent_projects_new:
 *
 * Reads the list from `$XDG_STATE_HOME/tandem/recent-projects`. The file is a few
 * hundred bytes, so it is read right away to have the list for the first frame. A
 * missing or damaged file gives an empty list.
 *
 * Returns: (transfer full): a #GListModel of #TandemRecentProject, most recent first
 */
TandemRecentProjects *
tandem_recent_projects_new (void)
{
  TandemRecentProjects *self = g_object_new (TANDEM_TYPE_RECENT_PROJECTS, NULL);

  tandem_recent_projects_load (self);

  return self;
}

static int
tandem_recent_projects_find (TandemRecentProjects *self,
                             GFile                *folder)
{
  g_assert (TANDEM_IS_RECENT_PROJECTS (self));
  g_assert (G_IS_FILE (folder));

  for (guint i = 0; i < self->items->len; i++)
    {
      TandemRecentProject *project = g_ptr_array_index (self->items, i);

      if (g_file_equal (tandem_recent_project_get_file (project), folder))
        return (int)i;
    }

  return -1;
}

/**
 * tandem_recent_projects_add:
 * @self: a #TandemRecentProjects
 * @folder: a project folder that was just opened
 *
 * Puts @folder at the top with the current time, drops the oldest entries beyond
 * %TANDEM_RECENT_PROJECTS_MAX, and saves in the background.
 */
void
tandem_recent_projects_add (TandemRecentProjects *self,
                            GFile                *folder)
{
  g_autoptr(GDateTime) now = NULL;
  int position;

  g_return_if_fail (TANDEM_IS_RECENT_PROJECTS (self));
  g_return_if_fail (G_IS_FILE (folder));

  position = tandem_recent_projects_find (self, folder);
  if (position >= 0)
    {
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }

  now = g_date_time_new_now_utc ();
  g_ptr_array_insert (self->items, 0,
                      tandem_recent_project_new (folder, g_date_time_to_unix (now)));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);

  if (self->items->len > TANDEM_RECENT_PROJECTS_MAX)
    {
      guint removed = self->items->len - TANDEM_RECENT_PROJECTS_MAX;

      g_ptr_array_set_size (self->items, TANDEM_RECENT_PROJECTS_MAX);
      g_list_model_items_changed (G_LIST_MODEL (self), TANDEM_RECENT_PROJECTS_MAX, removed, 0);
    }

  tandem_recent_projects_save (self);
}

/**
 * tandem_recent_projects_remove:
 * @self: a #TandemRecentProjects
 * @folder: a project folder
 *
 * Forgets @folder (the folder itself is not touched) and saves in the background.
 */
void
tandem_recent_projects_remove (TandemRecentProjects *self,
                               GFile                *folder)
{
  int position;

  g_return_if_fail (TANDEM_IS_RECENT_PROJECTS (self));
  g_return_if_fail (G_IS_FILE (folder));

  position = tandem_recent_projects_find (self, folder);
  if (position < 0)
    return;

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  tandem_recent_projects_save (self);
}

/**
 * tandem_recent_projects_flush_async:
 * @self: a #TandemRecentProjects
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every change so far is on disk
 * @user_data: data for @callback
 *
 * Waits for the background saves, for example before quitting.
 */
void
tandem_recent_projects_flush_async (TandemRecentProjects *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TANDEM_IS_RECENT_PROJECTS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_recent_projects_flush_async);

  if (!self->saving)
    {
      if (self->save_error != NULL)
        g_task_return_error (task, g_error_copy (self->save_error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->flush_tasks, g_steal_pointer (&task));
}

/**
 * tandem_recent_projects_flush_finish:
 *
 * Returns: %TRUE when the list is saved, %FALSE with @error set if the last write failed
 */
gboolean
tandem_recent_projects_flush_finish (TandemRecentProjects  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (TANDEM_IS_RECENT_PROJECTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
