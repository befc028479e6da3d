/* tandem-draft-store.c
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

#define G_LOG_DOMAIN "tandem-draft-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tandem-document.h"
#include "tandem-draft-store.h"
#include "tandem-utils.h"

/* Drafts hold the text of buffers that were never saved, so that a crash or a
 * killed session loses at most the last debounce interval of typing. One file per
 * draft, named by the document's draft id, under $XDG_DATA_HOME/tandem/drafts/.
 */

typedef struct
{
  int64_t  mtime;
  char    *id;
} ListEntry;

static void
list_entry_free (gpointer data)
{
  ListEntry *entry = data;

  g_free (entry->id);
  g_free (entry);
}

static int
list_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const ListEntry *ea = *(const ListEntry * const *)a;
  const ListEntry *eb = *(const ListEntry * const *)b;

  if (ea->mtime != eb->mtime)
    return ea->mtime < eb->mtime ? -1 : 1;

  return g_strcmp0 (ea->id, eb->id);
}

/**
 * tandem_draft_store_dup_dir:
 *
 * Returns: (transfer full): the folder holding the drafts
 */
char *
tandem_draft_store_dup_dir (void)
{
  g_autofree char *data_dir = tandem_dup_data_dir ();

  return g_build_filename (data_dir, "drafts", NULL);
}

/**
 * tandem_draft_store_is_valid_id:
 * @draft_id: (nullable): a draft id
 *
 * Draft ids become file names, so only the UUIDs made by
 * g_uuid_string_random() are accepted: nothing can escape the drafts folder.
 */
gboolean
tandem_draft_store_is_valid_id (const char *draft_id)
{
  return draft_id != NULL && g_uuid_string_is_valid (draft_id);
}

/**
 * tandem_draft_store_dup_path:
 * @draft_id: a valid draft id
 *
 * Returns: (transfer full) (nullable): the file of that draft, or %NULL if the
 *   id is not valid
 */
char *
tandem_draft_store_dup_path (const char *draft_id)
{
  g_autofree char *dir = NULL;

  if (!tandem_draft_store_is_valid_id (draft_id))
    return NULL;

  dir = tandem_draft_store_dup_dir ();
  return g_build_filename (dir, draft_id, NULL);
}

/**
 * tandem_draft_store_new_state_take:
 * @uri: (nullable): URI of the document's file, %NULL or "" when untitled
 * @project: (nullable): path of the project root, %NULL or "" for none
 * @title: (nullable): the document's title
 * @text: (transfer full): the buffer text
 *
 * Builds the versioned a{sv} state of a draft, stamped with the current time.
 * Takes @text so that large buffers are not copied again.
 *
 * Returns: (transfer floating): a #GVariant of type a{sv}
 */
GVariant *
tandem_draft_store_new_state_take (const char *uri,
                                   const char *project,
                                   const char *title,
                                   char       *text)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  g_variant_dict_insert (&dict, "version", "u", (guint32)TANDEM_DRAFT_STORE_VERSION);
  g_variant_dict_insert (&dict, "uri", "s", uri ? uri : "");
  g_variant_dict_insert (&dict, "project", "s", project ? project : "");
  g_variant_dict_insert (&dict, "title", "s", title ? title : "");
  g_variant_dict_insert (&dict, "mtime", "x", (gint64)g_get_real_time ());
  g_variant_dict_insert_value (&dict, "text", g_variant_new_take_string (text));

  return g_variant_dict_end (&dict);
}

/**
 * tandem_draft_store_new_state:
 * @uri: (nullable): URI of the document's file, %NULL or "" when untitled
 * @project: (nullable): path of the project root, %NULL or "" for none
 * @title: (nullable): the document's title
 * @text: the buffer text
 *
 * Like tandem_draft_store_new_state_take() but copies @text.
 *
 * Returns: (transfer floating): a #GVariant of type a{sv}
 */
GVariant *
tandem_draft_store_new_state (const char *uri,
                              const char *project,
                              const char *title,
                              const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return tandem_draft_store_new_state_take (uri, project, title, g_strdup (text));
}

/**
 * tandem_draft_store_write:
 * @draft_id: a valid draft id
 * @state: a state from tandem_draft_store_new_state()
 * @error: a location for a #GError
 *
 * Writes the draft atomically (temporary file + rename, mode 0600). Blocks on
 * disk: call it from a worker thread for big buffers.
 */
gboolean
tandem_draft_store_write (const char  *draft_id,
                          GVariant    *state,
                          GError     **error)
{
  g_autoptr(GVariant) sunk = NULL;
  g_autoptr(GVariant) normal = NULL;
  g_autoptr(GVariant) stored = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT), FALSE);

  sunk = g_variant_ref_sink (state);

  if (!(path = tandem_draft_store_dup_path (draft_id)))
    {
      g_set_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED,
                   _("“%s” is not a valid draft name"), draft_id ? draft_id : "");
      return FALSE;
    }

  normal = g_variant_get_normal_form (sunk);

  /* The file format is little-endian whatever machine wrote it. */
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    stored = g_variant_byteswap (normal);
  else
    stored = g_variant_ref (normal);

  return tandem_write_file_atomic (path,
                                   g_variant_get_data (stored),
                                   g_variant_get_size (stored),
                                   error);
}

static GVariant *
parse_state (const char  *draft_id,
             GBytes      *bytes,
             GError     **error)
{
  g_autoptr(GVariant) raw = NULL;
  g_autoptr(GVariant) state = NULL;
  guint32 version = 0;
  const char *str;
  gint64 mtime;

  g_assert (draft_id != NULL);
  g_assert (bytes != NULL);

  raw = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    state = g_variant_byteswap (raw);
  else
    state = g_variant_ref (raw);

  /* A truncated or damaged file breaks the framing offsets at the end of the
   * serialised dictionary, which makes it not normal. */
  if (!g_variant_is_normal_form (state))
    goto corrupt;

  if (!g_variant_lookup (state, "version", "u", &version))
    goto corrupt;

  if (version > TANDEM_DRAFT_STORE_VERSION)
    {
      g_set_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT,
                   _("The unsaved changes were kept by a newer version of Tandem "
                     "and cannot be read by this one"));
      return NULL;
    }

  if (version < 1 ||
      !g_variant_lookup (state, "uri", "&s", &str) ||
      !g_variant_lookup (state, "project", "&s", &str) ||
      !g_variant_lookup (state, "title", "&s", &str) ||
      !g_variant_lookup (state, "text", "&s", &str) ||
      !g_variant_lookup (state, "mtime", "x", &mtime))
    goto corrupt;

  return g_steal_pointer (&state);

corrupt:
  g_set_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_CORRUPT_DRAFT,
               _("The unsaved changes kept in draft “%s” are damaged and cannot be restored"),
               draft_id);
  return NULL;
}

static GBytes *
map_draft (const char  *draft_id,
           GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(path = tandem_draft_store_dup_path (draft_id)))
    {
      g_set_error (error, TANDEM_EDITOR_ERROR, TANDEM_EDITOR_ERROR_FAILED,
                   _("“%s” is not a valid draft name"), draft_id ? draft_id : "");
      return NULL;
    }

  if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The unsaved changes kept in draft “%s” no longer exist"),
                     draft_id);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("The unsaved changes kept in draft “%s” could not be read: %s"),
                     draft_id, local_error->message);
      return NULL;
    }

  return g_mapped_file_get_bytes (mapped);
}

/**
 * tandem_draft_store_read:
 * @draft_id: a draft id
 * @error: a location for a #GError
 *
 * Reads a draft back. A missing draft gives %G_IO_ERROR_NOT_FOUND; a damaged
 * one gives %TANDEM_EDITOR_ERROR_CORRUPT_DRAFT.
 *
 * Returns: (transfer full) (nullable): the a{sv} state, or %NULL
 */
GVariant *
tandem_draft_store_read (const char  *draft_id,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GVariant) state = NULL;

  if (!(bytes = map_draft (draft_id, error)))
    return NULL;

  if (!(state = parse_state (draft_id, bytes, error)))
    return NULL;

  /* Copy out of the mapping so the caller does not keep the file mapped. */
  copy = g_bytes_new (g_variant_get_data (state), g_variant_get_size (state));

  return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, copy, TRUE));
}

/**
 * tandem_draft_store_delete:
 * @draft_id: (nullable): a draft id
 *
 * Removes a draft. Missing drafts and invalid ids are ignored.
 */
void
tandem_draft_store_delete (const char *draft_id)
{
  g_autofree char *path = tandem_draft_store_dup_path (draft_id);

  if (path == NULL)
    return;

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove draft %s: %s", path, g_strerror (errno));
}

/**
 * tandem_draft_store_list:
 * @project_root: (nullable): a project root
 *
 * Lists the drafts that belong to @project_root, or, when it is %NULL, the
 * drafts written with no project. Damaged drafts are skipped. Blocks on disk:
 * prefer tandem_draft_store_list_async() from the main thread.
 *
 * Returns: (transfer full) (element-type utf8): draft ids, oldest first
 */
GPtrArray *
tandem_draft_store_list (GFile *project_root)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (list_entry_free);
  g_autofree char *dir_path = tandem_draft_store_dup_dir ();
  g_autofree char *project = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *ids;
  const char *name;

  g_return_val_if_fail (!project_root || G_IS_FILE (project_root), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);

  if (project_root != NULL && !(project = g_file_get_path (project_root)))
    project = g_file_get_uri (project_root);

  if (!(dir = g_dir_open (dir_path, 0, NULL)))
    return ids;

  while ((name = g_dir_read_name (dir)))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GVariant) state = NULL;
      g_autoptr(GError) error = NULL;
      const char *state_project = NULL;
      ListEntry *entry;

      if (!tandem_draft_store_is_valid_id (name))
        continue;

      if (!(bytes = map_draft (name, &error)) ||
          !(state = parse_state (name, bytes, &error)))
        {
          g_debug ("Skipping draft %s: %s", name, error->message);
          continue;
        }

      g_variant_lookup (state, "project", "&s", &state_project);
      if (g_strcmp0 (state_project, project ? project : "") != 0)
        continue;

      entry = g_new0 (ListEntry, 1);
      entry->id = g_strdup (name);
      g_variant_lookup (state, "mtime", "x", &entry->mtime);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, list_entry_compare);

  for (guint i = 0; i < entries->len; i++)
    {
      ListEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (ids, g_steal_pointer (&entry->id));
    }

  return ids;
}

static void
tandem_draft_store_list_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  GFile *project_root = task_data;

  g_assert (G_IS_TASK (task));
  g_assert (!project_root || G_IS_FILE (project_root));

  g_task_return_pointer (task,
                         tandem_draft_store_list (project_root),
                         (GDestroyNotify)g_ptr_array_unref);
}

/**
 * tandem_draft_store_list_async:
 * @project_root: (nullable): a project root
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is ready
 * @user_data: data for @callback
 *
 * Runs tandem_draft_store_list() on a worker thread.
 */
void
tandem_draft_store_list_async (GFile               *project_root,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!project_root || G_IS_FILE (project_root));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_draft_store_list_async);
  if (project_root != NULL)
    g_task_set_task_data (task, g_object_ref (project_root), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, tandem_draft_store_list_thread);
}

/**
 * tandem_draft_store_list_finish:
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type utf8): draft ids, oldest first
 */
GPtrArray *
tandem_draft_store_list_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
