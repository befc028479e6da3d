/* tandem-file-ops.c
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

#define G_LOG_DOMAIN "tandem-file-ops"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixmounts.h>

#include "tandem-file-ops.h"
#include "tandem-project-error-private.h"

#define TRASH_INFO_SUFFIX ".trashinfo"

typedef struct
{
  GFile             *file;
  char              *name;
  TandemTrashedFile *trashed;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->name, g_free);
  g_clear_object (&data->trashed);
  g_free (data);
}

static char *
dup_display_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

/**
 * tandem_file_ops_validate_name:
 * @name: a name typed by the user
 * @error: a location for a #GError
 *
 * Checks that @name can name a single file in a folder.
 *
 * Returns: %TRUE when @name can be used, otherwise %FALSE with
 *   %TANDEM_PROJECT_ERROR_INVALID_NAME set in @error
 */
gboolean
tandem_file_ops_validate_name (const char  *name,
                               GError     **error)
{
  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                           _("Type a name"));
      return FALSE;
    }

  if (strchr (name, '/') != NULL)
    {
      g_set_error_literal (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                           _("A name cannot contain “/”"));
      return FALSE;
    }

  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                   _("“%s” cannot be used as a name"), name);
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                           _("That name cannot be used for a file"));
      return FALSE;
    }

  return TRUE;
}

/* Says what is in the way, in the words the user would use. */
static GError *
exists_error (GFile      *file,
              const char *name)
{
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) ==
      G_FILE_TYPE_DIRECTORY)
    return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS,
                        _("A folder named “%s” already exists"), name);

  return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS,
                      _("A file named “%s” already exists"), name);
}

static GError *
translate_error (const GError    *error,
                 TandemProjectOp  op,
                 GFile           *target,
                 const char      *name)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && target != NULL)
    return exists_error (target, name);

  return _tandem_project_error_from_io (error, op, name);
}

static void
create_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr(GFile) child = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  child = g_file_get_child (data->file, data->name);
  stream = g_file_create (child, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, translate_error (error, TANDEM_PROJECT_OP_CREATE_FILE,
                                                  child, data->name));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&child), g_object_unref);
}

static void
create_folder_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr(GFile) child = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  child = g_file_get_child (data->file, data->name);
  if (!g_file_make_directory (child, cancellable, &error))
    {
      g_task_return_error (task, translate_error (error, TANDEM_PROJECT_OP_CREATE_FOLDER,
                                                  child, data->name));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&child), g_object_unref);
}

static void
rename_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  parent = g_file_get_parent (data->file);
  if (parent == NULL)
    {
      g_task_return_new_error (task, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_FAILED,
                               _("This folder cannot be renamed"));
      return;
    }

  destination = g_file_get_child (parent, data->name);
  if (g_file_equal (destination, data->file))
    {
      g_task_return_pointer (task, g_steal_pointer (&destination), g_object_unref);
      return;
    }

  /* Without G_FILE_COPY_OVERWRITE the move refuses to replace anything. */
  if (!g_file_move (data->file, destination,
                    G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, &error))
    {
      g_autofree char *old_name = dup_display_basename (data->file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_task_return_error (task, exists_error (destination, data->name));
      else
        g_task_return_error (task, _tandem_project_error_from_io (error, TANDEM_PROJECT_OP_RENAME,
                                                                  old_name));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&destination), g_object_unref);
}

/* The trash folders a file at @path may end up in, per the freedesktop.org trash
 * specification: the home trash, then the ones at the top of the file's mount. Each
 * entry holds the trash folder and the folder that relative Path= keys start from. */
static GPtrArray *
list_trash_dirs (const char *path)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  GUnixMountEntry *mount;

  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "Trash", NULL));
  g_ptr_array_add (dirs, g_strdup ("/"));

  mount = g_unix_mount_for (path, NULL);
  if (mount != NULL)
    {
      const char *topdir = g_unix_mount_get_mount_path (mount);
      g_autofree char *uid = g_strdup_printf ("%u", (guint)geteuid ());
      g_autofree char *dot_trash_uid = g_strconcat (".Trash-", uid, NULL);

      g_ptr_array_add (dirs, g_build_filename (topdir, ".Trash", uid, NULL));
      g_ptr_array_add (dirs, g_strdup (topdir));
      g_ptr_array_add (dirs, g_build_filename (topdir, dot_trash_uid, NULL));
      g_ptr_array_add (dirs, g_strdup (topdir));

      g_unix_mount_free (mount);
    }

  return dirs;
}

/* Reads a .trashinfo file; returns the absolute original path and the deletion date. */
static char *
read_trash_info (const char  *info_path,
                 const char  *topdir,
                 char       **deletion_date)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *escaped = NULL;
  g_autofree char *unescaped = NULL;

  if (!g_key_file_load_from_file (key_file, info_path, G_KEY_FILE_NONE, NULL))
    return NULL;

  escaped = g_key_file_get_string (key_file, "Trash Info", "Path", NULL);
  if (escaped == NULL)
    return NULL;

  unescaped = g_uri_unescape_string (escaped, NULL);
  if (unescaped == NULL)
    return NULL;

  if (deletion_date != NULL)
    *deletion_date = g_key_file_get_string (key_file, "Trash Info", "DeletionDate", NULL);

  if (g_path_is_absolute (unescaped))
    return g_steal_pointer (&unescaped);

  return g_build_filename (topdir, unescaped, NULL);
}

/* Collects the paths of the .trashinfo files whose Path= is @path. With @newest, only
 * the most recent such entry is returned. */
static GPtrArray *
find_trash_entries (const char *path,
                    gboolean    newest)
{
  g_autoptr(GPtrArray) trash_dirs = list_trash_dirs (path);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *newest_date = NULL;

  for (guint i = 0; i + 1 < trash_dirs->len; i += 2)
    {
      const char *trash_dir = g_ptr_array_index (trash_dirs, i);
      const char *topdir = g_ptr_array_index (trash_dirs, i + 1);
      g_autofree char *info_dir = g_build_filename (trash_dir, "info", NULL);
      g_autoptr(GDir) dir = g_dir_open (info_dir, 0, NULL);
      const char *entry;

      if (dir == NULL)
        continue;

      while ((entry = g_dir_read_name (dir)))
        {
          g_autofree char *info_path = NULL;
          g_autofree char *original = NULL;
          g_autofree char *date = NULL;

          if (!g_str_has_suffix (entry, TRASH_INFO_SUFFIX))
            continue;

          info_path = g_build_filename (info_dir, entry, NULL);
          original = read_trash_info (info_path, topdir, &date);
          if (original == NULL || strcmp (original, path) != 0)
            continue;

          if (!newest)
            {
              g_ptr_array_add (found, g_steal_pointer (&info_path));
            }
          else if (found->len == 0 || g_strcmp0 (date, newest_date) > 0)
            {
              g_ptr_array_set_size (found, 0);
              g_ptr_array_add (found, g_steal_pointer (&info_path));
              g_free (newest_date);
              newest_date = g_steal_pointer (&date);
            }
        }
    }

  return found;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *str)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (strcmp (g_ptr_array_index (array, i), str) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
trash_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GFile) info_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  name = dup_display_basename (data->file);
  path = g_file_get_path (data->file);
  if (path == NULL)
    {
      g_task_return_new_error (task, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_FAILED,
                               _("“%s” cannot be moved to the trash on this drive"), name);
      return;
    }

  /* The entry the trash makes for this file is the one that was not there before. */
  before = find_trash_entries (path, FALSE);

  if (!g_file_trash (data->file, cancellable, &error))
    {
      g_task_return_error (task, _tandem_project_error_from_io (error, TANDEM_PROJECT_OP_TRASH,
                                                                name));
      return;
    }

  after = find_trash_entries (path, FALSE);
  for (guint i = 0; i < after->len; i++)
    {
      const char *info_path = g_ptr_array_index (after, i);

      if (!str_array_contains (before, info_path))
        {
          info_file = g_file_new_for_path (info_path);
          break;
        }
    }

  g_task_return_pointer (task, tandem_trashed_file_new (data->file, info_file), g_object_unref);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpData *data = task_data;
  GFile *original;
  GFile *recorded;
  g_autoptr(GFile) info_file = NULL;
  g_autoptr(GFile) info_dir = NULL;
  g_autoptr(GFile) trash_dir = NULL;
  g_autoptr(GFile) trashed = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *info_basename = NULL;
  g_autofree char *trashed_basename = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (data != NULL);

  original = tandem_trashed_file_get_original (data->trashed);
  recorded = tandem_trashed_file_get_info_file (data->trashed);
  name = tandem_trashed_file_dup_display_name (data->trashed);
  path = g_file_get_path (original);

  if (path == NULL)
    {
      g_task_return_new_error (task, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND,
                               _("“%s” is no longer in the trash"), name);
      return;
    }

  /* Prefer the entry made when it was trashed; it may have been emptied or restored
   * by another program since, so check it still describes this file. */
  if (recorded != NULL)
    {
      g_autofree char *info_path = g_file_get_path (recorded);
      g_autoptr(GFile) topdir = NULL;
      g_autofree char *topdir_path = NULL;
      g_autofree char *described = NULL;

      /* info/ → trash folder → the folder relative paths start from */
      topdir = g_file_resolve_relative_path (recorded, "../../..");
      topdir_path = g_file_get_path (topdir);
      /* $topdir/.Trash/$uid/info/ is one level deeper than $topdir/.Trash-$uid/info/ */
      if (topdir_path != NULL && g_str_has_suffix (topdir_path, "/.Trash"))
        {
          g_autofree char *up = g_path_get_dirname (topdir_path);

          g_free (topdir_path);
          topdir_path = g_steal_pointer (&up);
        }
      described = read_trash_info (info_path, topdir_path, NULL);
      if (g_strcmp0 (described, path) == 0)
        info_file = g_object_ref (recorded);
    }

  if (info_file == NULL)
    {
      g_autoptr(GPtrArray) entries = find_trash_entries (path, TRUE);

      if (entries->len > 0)
        info_file = g_file_new_for_path (g_ptr_array_index (entries, 0));
    }

  if (info_file != NULL)
    {
      info_dir = g_file_get_parent (info_file);
      trash_dir = g_file_get_parent (info_dir);
      info_basename = g_file_get_basename (info_file);
      trashed_basename = g_strndup (info_basename,
                                    strlen (info_basename) - strlen (TRASH_INFO_SUFFIX));
      trashed = g_file_resolve_relative_path (trash_dir, "files");
      g_set_object (&trashed, g_file_get_child (trashed, trashed_basename));
    }

  if (trashed == NULL ||
      g_file_query_file_type (trashed, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable) ==
      G_FILE_TYPE_UNKNOWN)
    {
      g_task_return_new_error (task, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND,
                               _("“%s” is no longer in the trash"), name);
      return;
    }

  if (g_file_query_file_type (original, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable) !=
      G_FILE_TYPE_UNKNOWN)
    {
      g_task_return_new_error (task, TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS,
                               _("“%s” cannot be put back because something with that name "
                                 "is in its folder now. Rename or move it first."),
                               name);
      return;
    }

  parent = g_file_get_parent (original);
  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, _tandem_project_error_from_io (error, TANDEM_PROJECT_OP_RESTORE,
                                                                name));
      return;
    }
  g_clear_error (&error);

  if (!g_file_move (trashed, original, G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    cancellable, NULL, NULL, &error))
    {
      g_task_return_error (task, translate_error (error, TANDEM_PROJECT_OP_RESTORE,
                                                  original, name));
      return;
    }

  /* The file is back; a stale entry would only show as a broken item in the trash. */
  if (!g_file_delete (info_file, NULL, &error))
    g_debug ("Could not remove trash entry: %s", error->message);

  g_task_return_pointer (task, g_object_ref (original), g_object_unref);
}

static void
start_op (GTask           *task,
          GFile           *file,
          const char      *name,
          GTaskThreadFunc  thread_func)
{
  OpData *data;

  g_assert (G_IS_TASK (task));
  g_assert (G_IS_FILE (file));

  data = g_new0 (OpData, 1);
  data->file = g_object_ref (file);
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, (GDestroyNotify)op_data_free);
  g_task_run_in_thread (task, thread_func);
}

/* Validates @name, then runs @thread_func on @file and @name in a thread. */
static void
start_named_op (GFile               *file,
                const char          *name,
                gpointer             source_tag,
                GTaskThreadFunc      thread_func,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_assert (G_IS_FILE (file));
  g_assert (source_tag != NULL);
  g_assert (thread_func != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!tandem_file_ops_validate_name (name, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  start_op (task, file, name, thread_func);
}

/* The object the operation started with @source_tag returned. */
static gpointer
finish_op (GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_file_ops_create_file_async:
 * @parent: the folder to create the file in
 * @name: the new file's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates an empty file, refusing to replace anything.
 */
void
tandem_file_ops_create_file_async (GFile               *parent,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (parent));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_named_op (parent, name, tandem_file_ops_create_file_async, create_file_thread,
                  cancellable, callback, user_data);
}

/**
 * tandem_file_ops_create_file_finish:
 *
 * Returns: (transfer full): the new file, or %NULL with @error set
 */
GFile *
tandem_file_ops_create_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return finish_op (result, tandem_file_ops_create_file_async, error);
}

/**
 * tandem_file_ops_create_folder_async:
 * @parent: the folder to create the new folder in
 * @name: the new folder's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
tandem_file_ops_create_folder_async (GFile               *parent,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (parent));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_named_op (parent, name, tandem_file_ops_create_folder_async, create_folder_thread,
                  cancellable, callback, user_data);
}

/**
 * tandem_file_ops_create_folder_finish:
 *
 * Returns: (transfer full): the new folder, or %NULL with @error set
 */
GFile *
tandem_file_ops_create_folder_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return finish_op (result, tandem_file_ops_create_folder_async, error);
}

/**
 * tandem_file_ops_rename_async:
 * @file: the file or folder to rename
 * @new_name: its new name, in the same folder
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Renames @file; fails with %TANDEM_PROJECT_ERROR_EXISTS rather than replace
 * anything.
 */
void
tandem_file_ops_rename_async (GFile               *file,
                              const char          *new_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_named_op (file, new_name, tandem_file_ops_rename_async, rename_thread,
                  cancellable, callback, user_data);
}

/**
 * tandem_file_ops_rename_finish:
 *
 * Returns: (transfer full): the file under its new name, or %NULL with @error set
 */
GFile *
tandem_file_ops_rename_finish (GAsyncResult  *result,
                               GError       **error)
{
  return finish_op (result, tandem_file_ops_rename_async, error);
}

/**
 * tandem_file_ops_trash_async:
 * @file: the file or folder to move to the trash
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
tandem_file_ops_trash_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_file_ops_trash_async);

  start_op (task, file, NULL, trash_thread);
}

/**
 * tandem_file_ops_trash_finish:
 *
 * Returns: (transfer full): a token for tandem_file_ops_restore_async(), or %NULL
 *   with @error set
 */
TandemTrashedFile *
tandem_file_ops_trash_finish (GAsyncResult  *result,
                              GError       **error)
{
  return finish_op (result, tandem_file_ops_trash_async, error);
}

/**
 * tandem_file_ops_restore_async:
 * @trashed: what tandem_file_ops_trash_finish() returned
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Puts a trashed file back where it was. Fails with %TANDEM_PROJECT_ERROR_EXISTS,
 * touching nothing, when something now has its name.
 */
void
tandem_file_ops_restore_async (TandemTrashedFile   *trashed,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data;

  g_return_if_fail (TANDEM_IS_TRASHED_FILE (trashed));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_file_ops_restore_async);

  data = g_new0 (OpData, 1);
  data->trashed = g_object_ref (trashed);
  g_task_set_task_data (task, data, (GDestroyNotify)op_data_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * tandem_file_ops_restore_finish:
 *
 * Returns: (transfer full): the restored file, or %NULL with @error set
 */
GFile *
tandem_file_ops_restore_finish (GAsyncResult  *result,
                                GError       **error)
{
  return finish_op (result, tandem_file_ops_restore_async, error);
}
