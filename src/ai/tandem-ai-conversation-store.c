/* tandem-ai-conversation-store.c
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

#define G_LOG_DOMAIN "tandem-ai-conversation-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tandem-ai-conversation-store.h"
#include "tandem-utils.h"

/* One JSON file per conversation in
 * $XDG_DATA_HOME/tandem/conversations/<project hash>/<id>.json. The JSON text is made
 * on the main thread (the objects live there); reading, parsing and the atomic write
 * happen on worker threads. */

struct _TandemAiConversationInfo
{
  GObject   parent_instance;

  char     *id;
  char     *title;
  char     *error;
  gint64    updated;
};

struct _TandemAiConversationStore
{
  GObject     parent_instance;

  char       *root;
  GMutex      lock;
  /* path → the sequence number of the last save written there (under lock) */
  GHashTable *written;
  guint64     last_seq;
};

typedef enum
{
  STORE_OP_SAVE,
  STORE_OP_LOAD,
  STORE_OP_LIST,
  STORE_OP_RENAME,
  STORE_OP_DELETE,
} StoreOp;

typedef struct
{
  StoreOp  op;
  char    *path;
  char    *dir;
  char    *data;
  gsize    length;
  char    *title;
  guint64  seq;
} StoreTask;

enum {
  SAVE_FAILED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemAiConversationInfo, tandem_ai_conversation_info, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (TandemAiConversationStore, tandem_ai_conversation_store, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void
tandem_ai_conversation_info_finalize (GObject *object)
{
  TandemAiConversationInfo *self = TANDEM_AI_CONVERSATION_INFO (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (tandem_ai_conversation_info_parent_class)->finalize (object);
}

static void
tandem_ai_conversation_info_class_init (TandemAiConversationInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_ai_conversation_info_finalize;
}

static void
tandem_ai_conversation_info_init (TandemAiConversationInfo *self)
{
}

const char *
tandem_ai_conversation_info_get_id (TandemAiConversationInfo *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_INFO (self), NULL);

  return self->id;
}

const char *
tandem_ai_conversation_info_get_title (TandemAiConversationInfo *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_INFO (self), NULL);

  return self->title;
}

gint64
tandem_ai_conversation_info_get_updated (TandemAiConversationInfo *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_INFO (self), 0);

  return self->updated;
}

/**
 * tandem_ai_conversation_info_get_damaged:
 * @self: a #TandemAiConversationInfo
 *
 * Returns: whether the file could not be read; tandem_ai_conversation_info_get_error()
 *   says why
 */
gboolean
tandem_ai_conversation_info_get_damaged (TandemAiConversationInfo *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_INFO (self), FALSE);

  return self->error != NULL;
}

const char *
tandem_ai_conversation_info_get_error (TandemAiConversationInfo *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_INFO (self), NULL);

  return self->error;
}

static void
store_task_free (StoreTask *state)
{
  g_free (state->path);
  g_free (state->dir);
  g_free (state->data);
  g_free (state->title);
  g_free (state);
}

static void
tandem_ai_conversation_store_finalize (GObject *object)
{
  TandemAiConversationStore *self = TANDEM_AI_CONVERSATION_STORE (object);

  g_clear_pointer (&self->root, g_free);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tandem_ai_conversation_store_parent_class)->finalize (object);
}

static void
tandem_ai_conversation_store_class_init (TandemAiConversationStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_ai_conversation_store_finalize;

  /**
   * TandemAiConversationStore::save-failed:
   * @conversation: the conversation
   * @message: what went wrong, in plain words
   *
   * A save started by tandem_ai_conversation_store_track() failed.
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       TANDEM_AI_TYPE_CONVERSATION,
                                       G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tandem_ai_conversation_store_init (TandemAiConversationStore *self)
{
  g_mutex_init (&self->lock);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * tandem_ai_conversation_store_new:
 * @root: (nullable): the folder to keep conversations in, or %NULL for
 *   `$XDG_DATA_HOME/tandem/conversations`
 *
 * Returns: (transfer full): a new store
 */
TandemAiConversationStore *
tandem_ai_conversation_store_new (const char *root)
{
  TandemAiConversationStore *self = g_object_new (TANDEM_AI_TYPE_CONVERSATION_STORE, NULL);

  if (root != NULL)
    self->root = g_strdup (root);
  else
    {
      g_autofree char *data_dir = tandem_dup_data_dir ();

      self->root = g_build_filename (data_dir, "conversations", NULL);
    }

  return self;
}

static char *
tandem_ai_conversation_store_dup_dir (TandemAiConversationStore *self,
                                      const char                *project_path)
{
  g_autofree char *hash = NULL;

  g_assert (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_assert (project_path != NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, project_path, -1);
  hash[32] = '\0';

  return g_build_filename (self->root, hash, NULL);
}

/**
 * tandem_ai_conversation_store_dup_path:
 * @self: a #TandemAiConversationStore
 * @project_path: the project's folder
 * @id: a conversation id
 *
 * Returns: (transfer full): the file that holds the conversation
 */
char *
tandem_ai_conversation_store_dup_path (TandemAiConversationStore *self,
                                       const char                *project_path,
                                       const char                *id)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  dir = tandem_ai_conversation_store_dup_dir (self, project_path);
  name = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static TandemAiConversation *
read_conversation (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, TANDEM_AI_CONVERSATION_ERROR,
                             TANDEM_AI_CONVERSATION_ERROR_NOT_FOUND,
                             _("The conversation no longer exists"));
      else
        /* Translators: %s is a reason */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("The conversation could not be read: %s"), local_error->message);
      return NULL;
    }

  return tandem_ai_conversation_new_from_json (data, length, error);
}

static gint
compare_info (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const TandemAiConversationInfo *info_a = a;
  const TandemAiConversationInfo *info_b = b;

  if (info_a->updated != info_b->updated)
    return info_a->updated > info_b->updated ? -1 : 1;

  return g_strcmp0 (info_a->id, info_b->id);
}

static GListModel *
list_conversations (const char    *dir,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (TANDEM_AI_TYPE_CONVERSATION_INFO);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      /* No conversation was ever saved for this project. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return G_LIST_MODEL (g_steal_pointer (&store));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The conversations could not be listed: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (gdir)))
    {
      g_autoptr(TandemAiConversationInfo) info = NULL;
      g_autoptr(TandemAiConversation) conversation = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autofree char *path = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* Temporary files of an atomic write in progress do not end in ".json". */
      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (dir, name, NULL);
      info = g_object_new (TANDEM_AI_TYPE_CONVERSATION_INFO, NULL);
      info->id = g_strndup (name, strlen (name) - strlen (".json"));

      conversation = read_conversation (path, &read_error);
      if (conversation != NULL)
        {
          info->title = g_strdup (tandem_ai_conversation_get_title (conversation));
          info->updated = tandem_ai_conversation_get_updated (conversation);
        }
      else
        {
          GStatBuf st;

          info->title = g_strdup ("");
          info->error = g_strdup (read_error->message);
          if (g_stat (path, &st) == 0)
            info->updated = (gint64)st.st_mtime * G_USEC_PER_SEC;
        }

      g_list_store_append (store, info);
    }

  g_list_store_sort (store, compare_info, NULL);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
tandem_ai_conversation_store_thread (GTask        *task,
                                     gpointer      source_object,
                                     gpointer      task_data,
                                     GCancellable *cancellable)
{
  TandemAiConversationStore *self = source_object;
  StoreTask *state = task_data;
  GError *error = NULL;

  g_assert (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_assert (state != NULL);

  switch (state->op)
    {
    case STORE_OP_SAVE:
      {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
        guint64 written = GPOINTER_TO_SIZE (g_hash_table_lookup (self->written, state->path));

        /* A newer save of the same conversation already went through (or it was deleted). */
        if (written > state->seq)
          {
            g_task_return_boolean (task, TRUE);
            return;
          }

        if (!tandem_write_file_atomic (state->path, state->data, state->length, &error))
          {
            g_task_return_error (task, error);
            return;
          }
        g_hash_table_insert (self->written, g_strdup (state->path), GSIZE_TO_POINTER (state->seq));
        g_task_return_boolean (task, TRUE);
      }
      break;

    case STORE_OP_LOAD:
      {
        TandemAiConversation *conversation = read_conversation (state->path, &error);

        if (conversation == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, conversation, g_object_unref);
      }
      break;

    case STORE_OP_LIST:
      {
        GListModel *model = list_conversations (state->dir, cancellable, &error);

        if (model == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, model, g_object_unref);
      }
      break;

    case STORE_OP_RENAME:
      {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
        g_autoptr(TandemAiConversation) conversation = NULL;
        g_autofree char *data = NULL;
        gsize length;

        conversation = read_conversation (state->path, &error);
        if (conversation == NULL)
          {
            g_task_return_error (task, error);
            return;
          }

        tandem_ai_conversation_set_title (conversation, state->title);
        data = tandem_ai_conversation_to_json (conversation, &length);
        if (!tandem_write_file_atomic (state->path, data, length, &error))
          g_task_return_error (task, error);
        else
          g_task_return_boolean (task, TRUE);
      }
      break;

    case STORE_OP_DELETE:
      {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

        /* Saves still queued for this conversation must not bring it back. */
        g_hash_table_insert (self->written, g_strdup (state->path), GSIZE_TO_POINTER (G_MAXSIZE));

        if (g_unlink (state->path) != 0 && errno != ENOENT)
          {
            int errsv = errno;

            g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                                     _("Could not delete the conversation: %s"), g_strerror (errsv));
            return;
          }
        g_task_return_boolean (task, TRUE);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static GTask *
tandem_ai_conversation_store_task (TandemAiConversationStore *self,
                                   StoreOp                    op,
                                   const char                *project_path,
                                   const char                *id,
                                   gpointer                   source_tag,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  GTask *task;
  StoreTask *state;

  g_assert (TANDEM_AI_IS_CONVERSATION_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  state = g_new0 (StoreTask, 1);
  state->op = op;
  state->dir = tandem_ai_conversation_store_dup_dir (self, project_path);
  if (id != NULL)
    state->path = tandem_ai_conversation_store_dup_path (self, project_path, id);
  g_task_set_task_data (task, state, (GDestroyNotify)store_task_free);

  /* Ids name files: only ours (UUIDs) are accepted, so no path can escape the folder. */
  if (id != NULL && !g_uuid_string_is_valid (id))
    {
      g_task_return_new_error (task, TANDEM_AI_CONVERSATION_ERROR,
                               TANDEM_AI_CONVERSATION_ERROR_NOT_FOUND,
                               _("The conversation no longer exists"));
      g_object_unref (task);
      return NULL;
    }

  return task;
}

/* Starts @op in a worker thread; @title is only for STORE_OP_RENAME. */
static void
tandem_ai_conversation_store_run (TandemAiConversationStore *self,
                                  StoreOp                    op,
                                  const char                *project_path,
                                  const char                *id,
                                  const char                *title,
                                  gpointer                   source_tag,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  g_autoptr(GTask) task = tandem_ai_conversation_store_task (self, op, project_path, id, source_tag,
                                                             cancellable, callback, user_data);

  if (task == NULL)
    return;

  ((StoreTask *)g_task_get_task_data (task))->title = g_strdup (title);
  g_task_run_in_thread (task, tandem_ai_conversation_store_thread);
}

/**
 * tandem_ai_conversation_store_save_async:
 * @self: a #TandemAiConversationStore
 * @conversation: the conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the conversation as it is now. Saves of one conversation land in the order
 * they were asked for.
 */
void
tandem_ai_conversation_store_save_async (TandemAiConversationStore *self,
                                         TandemAiConversation      *conversation,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreTask *state;

  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION (conversation));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = tandem_ai_conversation_store_task (self, STORE_OP_SAVE,
                                            tandem_ai_conversation_get_project_path (conversation),
                                            tandem_ai_conversation_get_id (conversation),
                                            tandem_ai_conversation_store_save_async,
                                            cancellable, callback, user_data);
  if (task == NULL)
    return;

  state = g_task_get_task_data (task);
  state->data = tandem_ai_conversation_to_json (conversation, &state->length);
  state->seq = ++self->last_seq;

  g_task_run_in_thread (task, tandem_ai_conversation_store_thread);
}

gboolean
tandem_ai_conversation_store_save_finish (TandemAiConversationStore  *self,
                                          GAsyncResult               *result,
                                          GError                    **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tandem_ai_conversation_store_track_save_cb (GObject      *object,
                                            GAsyncResult *result,
                                            gpointer      user_data)
{
  TandemAiConversationStore *self = TANDEM_AI_CONVERSATION_STORE (object);
  g_autoptr(TandemAiConversation) conversation = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_conversation_store_save_finish (self, result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a reason */
      message = g_strdup_printf (_("The conversation could not be saved: %s"), error->message);
      g_warning ("%s", message);
      g_signal_emit (self, signals[SAVE_FAILED], 0, conversation, message);
    }
}

static void
tandem_ai_conversation_store_conversation_changed_cb (TandemAiConversationStore *self,
                                                      TandemAiConversation      *conversation)
{
  g_assert (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_assert (TANDEM_AI_IS_CONVERSATION (conversation));

  /* A conversation nobody has written in yet (a new one whose model was picked) is not
   * worth a file, and would push real conversations down the list. */
  if (g_list_model_get_n_items (G_LIST_MODEL (conversation)) == 0)
    return;

  tandem_ai_conversation_store_save_async (self, conversation, NULL,
                                           tandem_ai_conversation_store_track_save_cb,
                                           g_object_ref (conversation));
}

/**
 * tandem_ai_conversation_store_track:
 * @self: a #TandemAiConversationStore
 * @conversation: a conversation
 *
 * Saves @conversation each time it changes (a message added or finished, a new title)
 * for as long as both exist. Failures are reported by #TandemAiConversationStore::save-failed.
 */
void
tandem_ai_conversation_store_track (TandemAiConversationStore *self,
                                    TandemAiConversation      *conversation)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION (conversation));

  g_signal_connect_object (conversation, "changed",
                           G_CALLBACK (tandem_ai_conversation_store_conversation_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * tandem_ai_conversation_store_load_async:
 * @self: a #TandemAiConversationStore
 * @project_path: the project's folder
 * @id: the conversation's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads a conversation. A damaged file gives %TANDEM_AI_CONVERSATION_ERROR_DAMAGED.
 */
void
tandem_ai_conversation_store_load_async (TandemAiConversationStore *self,
                                         const char                *project_path,
                                         const char                *id,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (project_path != NULL);
  g_return_if_fail (id != NULL);

  tandem_ai_conversation_store_run (self, STORE_OP_LOAD, project_path, id, NULL,
                                    tandem_ai_conversation_store_load_async,
                                    cancellable, callback, user_data);
}

/**
 * tandem_ai_conversation_store_load_finish:
 * @self: a #TandemAiConversationStore
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the conversation
 */
TandemAiConversation *
tandem_ai_conversation_store_load_finish (TandemAiConversationStore  *self,
                                          GAsyncResult               *result,
                                          GError                    **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_ai_conversation_store_list_async:
 * @self: a #TandemAiConversationStore
 * @project_path: the project's folder
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the project's conversations, the most recently updated first. A file that
 * cannot be read is listed as damaged rather than left out.
 */
void
tandem_ai_conversation_store_list_async (TandemAiConversationStore *self,
                                         const char                *project_path,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (project_path != NULL);

  tandem_ai_conversation_store_run (self, STORE_OP_LIST, project_path, NULL, NULL,
                                    tandem_ai_conversation_store_list_async,
                                    cancellable, callback, user_data);
}

/**
 * tandem_ai_conversation_store_list_finish:
 * @self: a #TandemAiConversationStore
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #TandemAiConversationInfo
 */
GListModel *
tandem_ai_conversation_store_list_finish (TandemAiConversationStore  *self,
                                          GAsyncResult               *result,
                                          GError                    **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_ai_conversation_store_rename_async:
 * @self: a #TandemAiConversationStore
 * @project_path: the project's folder
 * @id: the conversation's id
 * @title: the new title
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes the title saved in the file. Use tandem_ai_conversation_set_title() instead
 * for a conversation that is open and tracked.
 */
void
tandem_ai_conversation_store_rename_async (TandemAiConversationStore *self,
                                           const char                *project_path,
                                           const char                *id,
                                           const char                *title,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (project_path != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (title != NULL);

  tandem_ai_conversation_store_run (self, STORE_OP_RENAME, project_path, id, title,
                                    tandem_ai_conversation_store_rename_async,
                                    cancellable, callback, user_data);
}

gboolean
tandem_ai_conversation_store_rename_finish (TandemAiConversationStore  *self,
                                            GAsyncResult               *result,
                                            GError                    **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_ai_conversation_store_delete_async:
 * @self: a #TandemAiConversationStore
 * @project_path: the project's folder
 * @id: the conversation's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes the conversation's file; saves still pending for it are dropped.
 */
void
tandem_ai_conversation_store_delete_async (TandemAiConversationStore *self,
                                           const char                *project_path,
                                           const char                *id,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self));
  g_return_if_fail (project_path != NULL);
  g_return_if_fail (id != NULL);

  tandem_ai_conversation_store_run (self, STORE_OP_DELETE, project_path, id, NULL,
                                    tandem_ai_conversation_store_delete_async,
                                    cancellable, callback, user_data);
}

gboolean
tandem_ai_conversation_store_delete_finish (TandemAiConversationStore  *self,
                                            GAsyncResult               *result,
                                            GError                    **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
