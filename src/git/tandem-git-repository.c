/* tandem-git-repository.c
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

#define G_LOG_DOMAIN "tandem-git"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <git2.h>

#include "tandem-git-error.h"
#include "tandem-git-repository-private.h"
#include "tandem-git-types-private.h"
#include "tandem-utils.h"

/* Bursts of changes (a checkout, "git commit" writing index, refs and logs) are merged. */
#define REFRESH_DELAY_MSEC 300

struct _TandemGitRepository
{
  GObject          parent_instance;

  GFile           *workdir;
  GFile           *git_dir;
  GFile           *common_dir;
  char            *workdir_path;       /* without a trailing '/' */
  TandemGitStatus *status;
  GCancellable    *cancellable;        /* of the refreshes; cancelled in dispose */
  GPtrArray       *monitors;           /* of GFileMonitor */

  gint64           own_index_mtime;    /* the index as our last refresh left it */
  guint            refresh_source;
  guint            n_refreshes;

  guint            refreshing : 1;
  guint            refresh_again : 1;
  guint            monitoring : 1;
  guint            disposed : 1;
};

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

enum {
  STATUS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemGitRepository, tandem_git_repository, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  TandemGitOp     *op;
  TandemGitOpFunc  func;
  GDestroyNotify   result_free;
} OpTask;

static void tandem_git_repository_start_refresh (TandemGitRepository *self);

TandemGitOp *
_tandem_git_op_new (const char *path,
                    const char *text,
                    gboolean    flag,
                    gboolean    modifies)
{
  TandemGitOp *op = g_new0 (TandemGitOp, 1);

  op->path = g_strdup (path);
  op->text = g_strdup (text);
  op->flag = !!flag;
  op->modifies = !!modifies;

  return op;
}

static void
op_free (TandemGitOp *op)
{
  g_clear_pointer (&op->paths, g_strfreev);
  g_clear_pointer (&op->path, g_free);
  g_clear_pointer (&op->text, g_free);
  g_clear_pointer (&op->text2, g_free);
  g_free (op);
}

static void
op_task_free (OpTask *op_task)
{
  g_clear_pointer (&op_task->op, op_free);
  g_free (op_task);
}

static gint64
index_mtime (const char *git_dir)
{
  g_autofree char *path = g_build_filename (git_dir, "index", NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
#ifdef __linux__
  return (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
#else
  return (gint64)st.st_mtime * G_USEC_PER_SEC;
#endif
}

char *
_tandem_git_dup_short_id (const git_oid *oid)
{
  char buf[8];

  git_oid_tostr (buf, sizeof buf, oid);
  return g_strdup (buf);
}

/* Opening */

git_repository *
_tandem_git_open_workdir (const char  *workdir_path,
                          GError     **error)
{
  git_repository *repo = NULL;
  int rc;

  tandem_ensure_libgit2 ();

  rc = git_repository_open_ext (&repo, workdir_path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
  if (rc < 0)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOT_A_REPOSITORY,
                   _("“%s” is no longer a git repository. Reopen the folder."), workdir_path);
      return NULL;
    }

  return repo;
}

git_repository *
tandem_git_repository_open_libgit2 (TandemGitRepository  *self,
                                    GError              **error)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);

  return _tandem_git_open_workdir (self->workdir_path, error);
}

static void
monitor_changed_cb (TandemGitRepository *self,
                    GFile               *file,
                    GFile               *other_file,
                    GFileMonitorEvent    event,
                    GFileMonitor        *monitor)
{
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));
  g_assert (G_IS_FILE (file));

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  name = g_file_get_basename (file);
  other_name = other_file != NULL ? g_file_get_basename (other_file) : NULL;

  /* Lock files come and go around every write; the write itself is what counts. */
  if (g_str_has_suffix (name, ".lock") &&
      (other_name == NULL || g_str_has_suffix (other_name, ".lock")))
    return;

  /* Our own refresh may have written the index (refreshed stat data): during a refresh
   * its end checks whether the index is still the one it saw; after it, the index has
   * the time the refresh left it with. */
  if (g_strcmp0 (name, "index") == 0 || g_strcmp0 (other_name, "index") == 0)
    {
      g_autofree char *git_dir = g_file_get_path (self->git_dir);

      if (self->refreshing ||
          (self->own_index_mtime != 0 && index_mtime (git_dir) == self->own_index_mtime))
        return;
    }

  tandem_git_repository_queue_refresh (self);
}

static void
add_monitor (TandemGitRepository *self,
             GFile               *directory)
{
  g_autoptr(GFileMonitor) monitor = NULL;

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));
  g_assert (G_IS_FILE (directory));

  monitor = g_file_monitor_directory (directory, G_FILE_MONITOR_NONE, NULL, NULL);
  if (monitor == NULL)
    return;

  g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->monitors, g_steal_pointer (&monitor));
}

static void
ensure_monitors (TandemGitRepository *self)
{
  static const char * const ref_dirs[] = { "refs/heads", "refs/remotes", "refs/tags" };

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));

  if (self->monitoring || self->disposed)
    return;
  self->monitoring = TRUE;

  /* HEAD, index, MERGE_HEAD, packed-refs… */
  add_monitor (self, self->git_dir);
  if (!g_file_equal (self->git_dir, self->common_dir))
    add_monitor (self, self->common_dir);

  for (guint i = 0; i < G_N_ELEMENTS (ref_dirs); i++)
    {
      g_autoptr(GFile) dir = g_file_resolve_relative_path (self->common_dir, ref_dirs[i]);

      add_monitor (self, dir);
    }

  /* One level below refs/remotes: each remote's branches. */
  {
    g_autoptr(GFile) remotes = g_file_resolve_relative_path (self->common_dir, "refs/remotes");
    g_autoptr(GFileEnumerator) children = NULL;
    GFileInfo *info;

    children = g_file_enumerate_children (remotes, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)))
      {
        if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
          {
            g_autoptr(GFile) dir = g_file_get_child (remotes, g_file_info_get_name (info));

            add_monitor (self, dir);
          }
        g_object_unref (info);
      }
  }
}

static gboolean
start_monitoring_cb (gpointer data)
{
  g_autoptr(TandemGitRepository) self = g_weak_ref_get (data);

  if (self != NULL)
    ensure_monitors (self);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static TandemGitRepository *
repository_new_from_libgit2 (git_repository *repo)
{
  TandemGitRepository *self;
  g_autofree char *workdir = NULL;
  GWeakRef *weak;
  GSource *idle;

  g_assert (repo != NULL);
  g_assert (git_repository_workdir (repo) != NULL);

  workdir = g_strdup (git_repository_workdir (repo));
  if (strlen (workdir) > 1 && g_str_has_suffix (workdir, "/"))
    workdir[strlen (workdir) - 1] = '\0';

  self = g_object_new (TANDEM_TYPE_GIT_REPOSITORY, NULL);
  self->workdir_path = g_steal_pointer (&workdir);
  self->workdir = g_file_new_for_path (self->workdir_path);
  self->git_dir = g_file_new_for_path (git_repository_path (repo));
  self->common_dir = g_file_new_for_path (git_repository_commondir (repo));

  /* File monitors belong to the main context: this may run on a worker thread. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  idle = g_idle_source_new ();
  g_source_set_callback (idle, start_monitoring_cb, weak, weak_ref_free);
  g_source_set_name (idle, "[tandem] git monitors");
  g_source_attach (idle, NULL);
  g_source_unref (idle);

  return self;
}

/* Returns %NULL without error when @directory is not in a work tree. */
static TandemGitRepository *
discover (GFile   *directory,
          GError **error)
{
  g_autofree char *path = g_file_get_path (directory);
  git_repository *repo = NULL;
  TandemGitRepository *self;
  int rc;

  if (path == NULL)
    return NULL;

  tandem_ensure_libgit2 ();

  rc = git_repository_open_ext (&repo, path, 0, NULL);
  if (rc == GIT_ENOTFOUND)
    return NULL;
  if (!_tandem_git_check (rc, _("Could not open the repository"), error))
    return NULL;

  if (git_repository_is_bare (repo) || git_repository_workdir (repo) == NULL)
    {
      git_repository_free (repo);
      return NULL;
    }

  self = repository_new_from_libgit2 (repo);
  git_repository_free (repo);

  return self;
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  TandemGitRepository *self;

  g_assert (G_IS_TASK (task));
  g_assert (G_IS_FILE (task_data));

  self = discover (task_data, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
tandem_git_repository_discover_async (GFile               *directory,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_git_repository_discover_async);
  g_task_set_task_data (task, g_object_ref (directory), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, discover_thread);
}

/**
 * tandem_git_repository_discover_finish:
 *
 * Returns: (transfer full) (nullable): the repository, or %NULL
 */
TandemGitRepository *
tandem_git_repository_discover_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_git_repository_open:
 *
 * Returns: (transfer full): the repository containing @directory, or %NULL with
 *   %TANDEM_GIT_ERROR_NOT_A_REPOSITORY
 */
TandemGitRepository *
tandem_git_repository_open (GFile   *directory,
                            GError **error)
{
  GError *local_error = NULL;
  TandemGitRepository *self;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  self = discover (directory, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (self == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (directory);

      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOT_A_REPOSITORY,
                   _("“%s” is not in a git repository."), name);
    }

  return self;
}

/* GObject */

static void
tandem_git_repository_dispose (GObject *object)
{
  TandemGitRepository *self = (TandemGitRepository *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  for (guint i = 0; i < self->monitors->len; i++)
    g_file_monitor_cancel (g_ptr_array_index (self->monitors, i));
  g_ptr_array_set_size (self->monitors, 0);

  G_OBJECT_CLASS (tandem_git_repository_parent_class)->dispose (object);
}

static void
tandem_git_repository_finalize (GObject *object)
{
  TandemGitRepository *self = (TandemGitRepository *)object;

  g_clear_object (&self->workdir);
  g_clear_object (&self->git_dir);
  g_clear_object (&self->common_dir);
  g_clear_object (&self->status);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_pointer (&self->workdir_path, g_free);

  G_OBJECT_CLASS (tandem_git_repository_parent_class)->finalize (object);
}

static void
tandem_git_repository_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TandemGitRepository *self = TANDEM_GIT_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_repository_class_init (TandemGitRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_git_repository_dispose;
  object_class->finalize = tandem_git_repository_finalize;
  object_class->get_property = tandem_git_repository_get_property;

  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, TANDEM_TYPE_GIT_STATUS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemGitRepository::status-changed:
   * @status: the new #TandemGitStatus
   *
   * Emitted on the main thread when a refresh found a status that differs from the
   * previous one.
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TANDEM_TYPE_GIT_STATUS);
}

static void
tandem_git_repository_init (TandemGitRepository *self)
{
  self->cancellable = g_cancellable_new ();
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tandem_git_repository_get_workdir:
 *
 * Returns: (transfer none): the work tree
 */
GFile *
tandem_git_repository_get_workdir (TandemGitRepository *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);

  return self->workdir;
}

/**
 * tandem_git_repository_get_git_dir:
 *
 * Returns: (transfer none): the .git folder
 */
GFile *
tandem_git_repository_get_git_dir (TandemGitRepository *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);

  return self->git_dir;
}

char *
tandem_git_repository_get_relative_path (TandemGitRepository *self,
                                         GFile               *file)
{
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;
  g_autoptr(GFile) real_file = NULL;
  char *relative;

  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if ((relative = g_file_get_relative_path (self->workdir, file)) != NULL)
    return relative;

  /* libgit2 gives the work tree with symlinks resolved; the file may not be. */
  path = g_file_get_path (file);
  if (path == NULL || (real = realpath (path, NULL)) == NULL)
    return NULL;
  real_file = g_file_new_for_path (real);

  return g_file_get_relative_path (self->workdir, real_file);
}

/**
 * tandem_git_repository_get_status:
 *
 * Returns: (transfer none) (nullable): the latest status
 */
TandemGitStatus *
tandem_git_repository_get_status (TandemGitRepository *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);

  return self->status;
}

/* Running operations */

static gboolean
queue_refresh_cb (gpointer data)
{
  g_autoptr(TandemGitRepository) self = g_weak_ref_get (data);

  if (self != NULL && !self->disposed)
    tandem_git_repository_queue_refresh (self);

  return G_SOURCE_REMOVE;
}

/* Asks the main thread (the task's context) to refresh after a change. */
static void
queue_refresh_from_thread (TandemGitRepository *self,
                           GMainContext        *context)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);
  GSource *idle;

  g_weak_ref_init (weak, self);
  idle = g_idle_source_new ();
  g_source_set_callback (idle, queue_refresh_cb, weak, weak_ref_free);
  g_source_set_name (idle, "[tandem] git queue refresh");
  g_source_attach (idle, context);
  g_source_unref (idle);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  TandemGitRepository *self = source_object;
  OpTask *op_task = task_data;
  git_repository *repo = NULL;
  GError *error = NULL;
  gpointer result;

  g_assert (G_IS_TASK (task));
  g_assert (TANDEM_IS_GIT_REPOSITORY (self));
  g_assert (op_task != NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((repo = tandem_git_repository_open_libgit2 (self, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = op_task->func (self, repo, op_task->op, cancellable, &error);
  git_repository_free (repo);

  if (op_task->op->modifies)
    queue_refresh_from_thread (self, g_task_get_context (task));

  if (error != NULL)
    {
      if (result != NULL && op_task->result_free != NULL)
        op_task->result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, op_task->result_free);
}

void
_tandem_git_repository_run (TandemGitRepository *self,
                            TandemGitOp         *op,
                            TandemGitOpFunc      func,
                            GDestroyNotify       result_free,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpTask *op_task;

  /* The checks every public *_async() would repeat. */
  g_return_if_fail (TANDEM_IS_GIT_REPOSITORY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_assert (op != NULL);
  g_assert (func != NULL);

  op_task = g_new0 (OpTask, 1);
  op_task->op = op;
  op_task->func = func;
  op_task->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op_task, (GDestroyNotify)op_task_free);
  g_task_run_in_thread (task, op_thread);
}

gpointer
_tandem_git_repository_propagate (TandemGitRepository  *self,
                                  GAsyncResult         *result,
                                  gpointer              source_tag,
                                  GError              **error)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_tandem_git_repository_propagate_boolean (TandemGitRepository  *self,
                                          GAsyncResult         *result,
                                          gpointer              source_tag,
                                          GError              **error)
{
  GError *local_error = NULL;

  _tandem_git_repository_propagate (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Resolves HEAD to a commit, or sets *commit to %NULL when the branch is unborn. */
gboolean
_tandem_git_lookup_head_commit (git_repository  *repo,
                                git_commit     **commit,
                                GError         **error)
{
  git_object *object = NULL;
  int rc;

  *commit = NULL;

  rc = git_revparse_single (&object, repo, "HEAD^{commit}");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
    return TRUE;
  if (!_tandem_git_check (rc, _("Could not read the current commit"), error))
    return FALSE;

  *commit = (git_commit *)object;
  return TRUE;
}

/* Refreshing */

typedef struct
{
  TandemGitStatus *status;
  gint64           index_mtime;
  gboolean         index_current;
} RefreshResult;

static void
refresh_result_free (gpointer data)
{
  RefreshResult *result = data;

  g_clear_object (&result->status);
  g_free (result);
}

/* TRUE when the index file is the one @repo last read or wrote: nobody else wrote it
 * since. */
static gboolean
index_is_current (git_repository *repo)
{
  g_autofree char *path = g_build_filename (git_repository_path (repo), "index", NULL);
  guint8 trailer[GIT_OID_RAWSZ];
  git_index *index = NULL;
  gboolean current = FALSE;
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) != 0)
    return TRUE;
  if (git_repository_index (&index, repo) < 0)
    return FALSE;

  /* The file ends with the checksum of the rest. */
  if ((fd = g_open (path, O_RDONLY, 0)) >= 0)
    {
      if (st.st_size >= GIT_OID_RAWSZ &&
          pread (fd, trailer, sizeof trailer, st.st_size - GIT_OID_RAWSZ) == sizeof trailer)
        current = memcmp (trailer, git_index_checksum (index)->id, GIT_OID_RAWSZ) == 0;
      close (fd);
    }
  git_index_free (index);

  return current;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TandemGitRepository *self = source_object;
  git_repository *repo;
  GError *error = NULL;
  RefreshResult *result;

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));

  if ((repo = tandem_git_repository_open_libgit2 (self, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (RefreshResult, 1);
  result->status = _tandem_git_compute_status (repo, cancellable, &error);
  result->index_mtime = index_mtime (git_repository_path (repo));
  result->index_current = index_is_current (repo);
  git_repository_free (repo);

  if (error != NULL)
    {
      refresh_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, refresh_result_free);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemGitRepository *self = TANDEM_GIT_REPOSITORY (object);
  RefreshResult *refresh;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (result));

  self->refreshing = FALSE;

  refresh = g_task_propagate_pointer (G_TASK (result), &error);
  if (refresh == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not refresh the status of %s: %s", self->workdir_path, error->message);
    }
  else
    {
      g_autofree char *git_dir = g_file_get_path (self->git_dir);

      /* Somebody else wrote the index while we looked, or since: look again (the
       * monitor ignores the index during a refresh). */
      self->own_index_mtime = refresh->index_mtime;
      if (!refresh->index_current || index_mtime (git_dir) != refresh->index_mtime)
        self->refresh_again = TRUE;

      if (self->status == NULL || !_tandem_git_status_equal (self->status, refresh->status))
        {
          g_set_object (&self->status, refresh->status);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
          g_signal_emit (self, signals[STATUS_CHANGED], 0, self->status);
        }
      refresh_result_free (refresh);
    }

  if (self->refresh_again && !self->disposed)
    {
      self->refresh_again = FALSE;
      tandem_git_repository_start_refresh (self);
    }
}

static void
tandem_git_repository_start_refresh (TandemGitRepository *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));

  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }

  self->refreshing = TRUE;
  self->n_refreshes++;

  task = g_task_new (self, self->cancellable, refresh_cb, NULL);
  g_task_set_source_tag (task, tandem_git_repository_start_refresh);
  g_task_run_in_thread (task, refresh_thread);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  TandemGitRepository *self = data;

  g_assert (TANDEM_IS_GIT_REPOSITORY (self));

  self->refresh_source = 0;
  tandem_git_repository_start_refresh (self);

  return G_SOURCE_REMOVE;
}

guint
_tandem_git_repository_get_n_refreshes (TandemGitRepository *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), 0);

  return self->n_refreshes;
}

void
tandem_git_repository_queue_refresh (TandemGitRepository *self)
{
  g_return_if_fail (TANDEM_IS_GIT_REPOSITORY (self));

  if (self->disposed)
    return;

  ensure_monitors (self);

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_DELAY_MSEC,
                                               refresh_timeout_cb, self, NULL);
}
