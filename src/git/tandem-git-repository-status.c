/* tandem-git-repository-status.c
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
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <git2.h>

#include "tandem-git-error.h"
#include "tandem-git-repository-private.h"
#include "tandem-git-types-private.h"

/* Paths */

void
_tandem_git_strarray_from_ptr_array (git_strarray *array,
                                     GPtrArray    *paths)
{
  array->strings = (char **)paths->pdata;
  array->count = paths->len;
}

char *
_tandem_git_workdir_file (git_repository *repo,
                          const char     *path)
{
  return g_build_filename (git_repository_workdir (repo), path, NULL);
}

gboolean
_tandem_git_workdir_file_exists (git_repository *repo,
                                 const char     *path)
{
  g_autofree char *full = _tandem_git_workdir_file (repo, path);
  GStatBuf st;

  return g_lstat (full, &st) == 0;
}

gboolean
_tandem_git_workdir_file_is_dir (git_repository *repo,
                                 const char     *path)
{
  g_autofree char *full = _tandem_git_workdir_file (repo, path);

  return g_file_test (full, G_FILE_TEST_IS_DIR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK);
}

/* Status */

static void
fill_head (git_repository  *repo,
           TandemGitStatus *status)
{
  git_reference *head = NULL;
  int rc;

  rc = git_repository_head (&head, repo);
  if (rc < 0)
    {
      git_reference *symbolic = NULL;
      const char *target = NULL;

      /* Unborn: HEAD names a branch that does not exist yet. */
      if (git_reference_lookup (&symbolic, repo, "HEAD") == 0 &&
          git_reference_type (symbolic) == GIT_REFERENCE_SYMBOLIC)
        target = git_reference_symbolic_target (symbolic);
      if (target != NULL && g_str_has_prefix (target, "refs/heads/"))
        target += strlen ("refs/heads/");
      _tandem_git_status_set_head (status, target, FALSE, TRUE, NULL);
      git_reference_free (symbolic);
      return;
    }

  {
    const git_oid *oid = git_reference_target (head);
    g_autofree char *short_id = oid != NULL ? _tandem_git_dup_short_id (oid) : NULL;
    gboolean detached = git_repository_head_detached (repo) == 1;

    _tandem_git_status_set_head (status, detached ? NULL : git_reference_shorthand (head),
                                 detached, FALSE, short_id);

    if (!detached && oid != NULL)
      {
        git_reference *upstream = NULL;

        if (git_branch_upstream (&upstream, head) == 0)
          {
            const char *name = NULL;
            const git_oid *upstream_oid = git_reference_target (upstream);
            size_t ahead = 0;
            size_t behind = 0;

            if (upstream_oid != NULL)
              git_graph_ahead_behind (&ahead, &behind, repo, oid, upstream_oid);
            if (git_branch_name (&name, upstream) == 0)
              _tandem_git_status_set_upstream (status, name, ahead, behind);
            git_reference_free (upstream);
          }
      }
  }

  git_reference_free (head);
}

static TandemGitRepoState
repo_state (git_repository *repo)
{
  switch (git_repository_state (repo))
    {
    case GIT_REPOSITORY_STATE_NONE:
      return TANDEM_GIT_STATE_NONE;
    case GIT_REPOSITORY_STATE_MERGE:
      return TANDEM_GIT_STATE_MERGE;
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
      return TANDEM_GIT_STATE_REBASE;
    default:
      return TANDEM_GIT_STATE_OTHER;
    }
}

/* Appends the files of one status entry to @files (of TandemGitFileStatus). */
static void
take_status_entry (GPtrArray              *files,
                   const git_status_entry *entry)
{
  const unsigned int s = entry->status;
  const git_diff_delta *staged = entry->head_to_index;
  const git_diff_delta *unstaged = entry->index_to_workdir;

  if (s & GIT_STATUS_CONFLICTED)
    {
      const git_diff_delta *d = unstaged != NULL ? unstaged : staged;

      if (d != NULL)
        g_ptr_array_add (files, tandem_git_file_status_new (d->old_file.path, NULL,
                                                            TANDEM_GIT_SECTION_CONFLICTS,
                                                            TANDEM_GIT_CHANGE_CONFLICTED));
      return;
    }

  if (staged != NULL &&
      (s & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_DELETED |
            GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE)))
    {
      TandemGitChangeKind kind = _tandem_git_change_kind_from_delta (staged->status);

      g_ptr_array_add (files, tandem_git_file_status_new (staged->new_file.path,
                                                          kind == TANDEM_GIT_CHANGE_RENAMED
                                                          ? staged->old_file.path : NULL,
                                                          TANDEM_GIT_SECTION_STAGED, kind));
    }

  if (unstaged == NULL)
    return;

  if (s & GIT_STATUS_WT_NEW)
    g_ptr_array_add (files, tandem_git_file_status_new (unstaged->new_file.path, NULL,
                                                        TANDEM_GIT_SECTION_UNTRACKED,
                                                        TANDEM_GIT_CHANGE_UNTRACKED));
  else if (s & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_DELETED | GIT_STATUS_WT_TYPECHANGE |
                GIT_STATUS_WT_RENAMED))
    {
      TandemGitChangeKind kind = _tandem_git_change_kind_from_delta (unstaged->status);

      g_ptr_array_add (files, tandem_git_file_status_new (unstaged->new_file.path,
                                                          kind == TANDEM_GIT_CHANGE_RENAMED
                                                          ? unstaged->old_file.path : NULL,
                                                          TANDEM_GIT_SECTION_CHANGES, kind));
    }
}

/* Lists into @files what git_status_list_new() finds for @show, limited to the files and
 * folders of @pathspec (all when %NULL). */
static gboolean
collect_status (git_repository     *repo,
                git_status_show_t   show,
                GPtrArray          *pathspec,
                GPtrArray          *files,
                GError            **error)
{
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  git_status_list *list = NULL;
  size_t n;
  int rc;

  options.show = show;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
                  GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES |
                  /* Writes refreshed stat data back, as git does, so that the next status
                   * does not read unchanged files again. */
                  GIT_STATUS_OPT_UPDATE_INDEX;
  if (pathspec != NULL)
    {
      /* Literal paths: a folder stands for everything in it. */
      options.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
      _tandem_git_strarray_from_ptr_array (&options.pathspec, pathspec);
    }

  rc = git_status_list_new (&list, repo, &options);
  if (rc < 0)
    {
      /* The index may be locked by a git command running now (or by our other thread):
       * just don't write it. */
      options.flags &= ~GIT_STATUS_OPT_UPDATE_INDEX;
      rc = git_status_list_new (&list, repo, &options);
    }
  if (!_tandem_git_check (rc, _("Could not read the repository’s status"), error))
    return FALSE;

  n = git_status_list_entrycount (list);
  for (size_t i = 0; i < n; i++)
    take_status_entry (files, git_status_byindex (list, i));
  git_status_list_free (list);

  return TRUE;
}

/* Large work trees: their scan is split between two threads, as git does its lstat()s
 * in parallel (core.preloadIndex). Below this many index entries one thread is faster. */
#define SPLIT_MIN_ENTRIES 8000
/* The first thread may also compare HEAD with the index; then it takes less of the scan. */
#define SPLIT_FIRST_SHARE 0.42

typedef struct
{
  char  *path;
  guint  weight;
  guint  is_dir : 1;
} Unit;

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  g_free (unit->path);
  g_free (unit);
}

/* The position of the first index entry whose path is >= @key (entries are sorted). */
static size_t
index_lower_bound (git_index  *index,
                   const char *key)
{
  size_t lo = 0;
  size_t hi = git_index_entrycount (index);

  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;

      if (strcmp (git_index_get_byindex (index, mid)->path, key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* How many index entries are @path or below it. */
static guint
index_weight (git_index  *index,
              const char *path)
{
  g_autofree char *below = g_strconcat (path, "/", NULL);
  g_autofree char *after = g_strconcat (path, "0", NULL);   /* '0' follows '/' */
  size_t first = index_lower_bound (index, below);
  size_t end = index_lower_bound (index, after);

  return 1 + (end > first ? end - first : 0);
}

/* Adds the entries of folder @dir (relative, "" for the root) as units: what is on disk
 * (so untracked files and folders are covered) and what the index has there. */
static void
add_child_units (git_repository *repo,
                 git_index      *index,
                 const char     *dir,
                 GHashTable     *seen,
                 GPtrArray      *units)
{
  g_autofree char *full = dir[0] ? _tandem_git_workdir_file (repo, dir)
                                 : g_strdup (git_repository_workdir (repo));
  g_autofree char *prefix = dir[0] ? g_strconcat (dir, "/", NULL) : g_strdup ("");
  g_autoptr(GDir) listing = g_dir_open (full, 0, NULL);
  gsize prefix_len = strlen (prefix);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_strconcat (prefix, name, NULL);
      Unit *unit;

      if (dir[0] == '\0' && strcmp (name, ".git") == 0)
        continue;
      if (!g_hash_table_add (seen, g_strdup (path)))
        continue;

      unit = g_new0 (Unit, 1);
      unit->weight = index_weight (index, path);
      unit->is_dir = _tandem_git_workdir_file_is_dir (repo, path);
      unit->path = g_steal_pointer (&path);
      g_ptr_array_add (units, unit);
    }

  /* Files deleted from the work tree still need their unit. */
  for (size_t i = index_lower_bound (index, prefix); i < git_index_entrycount (index); i++)
    {
      const char *path = git_index_get_byindex (index, i)->path;
      const char *slash;
      g_autofree char *child = NULL;

      if (strncmp (path, prefix, prefix_len) != 0)
        break;
      slash = strchr (path + prefix_len, '/');
      child = slash != NULL ? g_strndup (path, slash - path) : g_strdup (path);
      if (g_hash_table_contains (seen, child))
        {
          /* Jump over the rest of that folder. */
          if (slash != NULL)
            {
              g_autofree char *after = g_strconcat (child, "0", NULL);
              size_t next = index_lower_bound (index, after);

              if (next > i)
                i = next - 1;
            }
          continue;
        }

      g_hash_table_add (seen, g_strdup (child));
      {
        Unit *unit = g_new0 (Unit, 1);

        unit->weight = index_weight (index, child);
        unit->is_dir = slash != NULL;
        unit->path = g_steal_pointer (&child);
        g_ptr_array_add (units, unit);
      }
    }
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const Unit *ua = *(Unit * const *)a;
  const Unit *ub = *(Unit * const *)b;

  return strcmp (ua->path, ub->path);
}

/* Splits the work tree into two lists of paths with about @share and 1 - @share of the
 * index entries. Returns FALSE when it cannot be split well. */
static gboolean
split_work_tree (git_repository *repo,
                 git_index      *index,
                 double          share,
                 GPtrArray      *first,
                 GPtrArray      *second)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (unit_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total = git_index_entrycount (index);
  guint target;
  guint sum = 0;

  add_child_units (repo, index, "", seen, units);

  /* Open the biggest folders until no unit holds more than a sixth of the tree. */
  for (guint round = 0; round < 64; round++)
    {
      guint biggest = 0;
      Unit *unit;
      g_autofree char *path = NULL;

      for (guint i = 1; i < units->len; i++)
        if (((Unit *)g_ptr_array_index (units, i))->weight >
            ((Unit *)g_ptr_array_index (units, biggest))->weight)
          biggest = i;

      unit = units->len > 0 ? g_ptr_array_index (units, biggest) : NULL;
      if (unit == NULL || unit->weight <= total / 6 || !unit->is_dir)
        break;

      path = g_strdup (unit->path);
      g_ptr_array_remove_index_fast (units, biggest);
      add_child_units (repo, index, path, seen, units);
    }

  if (units->len < 2)
    return FALSE;

  g_ptr_array_sort (units, compare_units);
  target = (guint)(total * share);
  for (guint i = 0; i < units->len; i++)
    {
      Unit *unit = g_ptr_array_index (units, i);

      g_ptr_array_add (sum < target ? first : second, g_strdup (unit->path));
      sum += unit->weight;
    }

  return first->len > 0 && second->len > 0;
}

typedef struct
{
  char        *workdir_path;
  GAsyncQueue *pathspec;       /* one GPtrArray, or an empty one to stop */
  GPtrArray   *files;
  GError      *error;
} ScanPart;

static gpointer
scan_part_thread (gpointer data)
{
  ScanPart *part = data;
  git_repository *repo;
  git_index *index = NULL;
  GPtrArray *pathspec;

  /* Reading the index is a good part of the time: do it while the other thread reads
   * its own and splits the work tree. */
  repo = _tandem_git_open_workdir (part->workdir_path, &part->error);
  if (repo != NULL)
    git_repository_index (&index, repo);

  pathspec = g_async_queue_pop (part->pathspec);
  if (repo != NULL && pathspec->len > 0)
    collect_status (repo, GIT_STATUS_SHOW_WORKDIR_ONLY, pathspec, part->files, &part->error);

  git_index_free (index);
  git_repository_free (repo);

  return NULL;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* Skips the index entries from @p (version @version); returns where the extensions start,
 * or %NULL when the file does not look as expected. */
static const guint8 *
skip_index_entries (const guint8 *p,
                    const guint8 *end,
                    guint32       version,
                    guint32       n_entries)
{
  for (guint32 i = 0; i < n_entries; i++)
    {
      /* ctime, mtime, dev, ino, mode, uid, gid, size, object id, flags */
      gsize fixed = 62;
      guint16 flags;
      const guint8 *name;
      const guint8 *nul;

      if (end - p < 64)
        return NULL;
      flags = (guint16)((p[60] << 8) | p[61]);
      if (flags & 0x4000)
        {
          if (version < 3)
            return NULL;
          fixed += 2;
        }
      name = p + fixed;

      if (version == 4)
        {
          /* A varint of the bytes to drop from the previous path, then the rest of it. */
          while (name < end && (*name & 0x80))
            name++;
          if (++name >= end || (nul = memchr (name, 0, end - name)) == NULL)
            return NULL;
          p = nul + 1;
        }
      else
        {
          gsize name_len = flags & 0xfff;

          if (name_len == 0xfff)
            {
              if ((nul = memchr (name, 0, end - name)) == NULL)
                return NULL;
              name_len = nul - name;
            }
          /* Entries are padded with NULs to a multiple of 8 bytes. */
          p += (fixed + name_len + 8) & ~(gsize)7;
          if (p > end)
            return NULL;
        }
    }

  return p;
}

/* TRUE when the index's cached tree (its TREE extension, which git and libgit2 keep up
 * to date and invalidate on any change) covers the whole index and is HEAD's tree: then
 * nothing is staged, and comparing HEAD with the index, which reads every tree of HEAD,
 * can be skipped. FALSE whenever in doubt. */
static gboolean
index_matches_head (git_repository *repo)
{
  g_autofree char *path = g_build_filename (git_repository_path (repo), "index", NULL);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  git_commit *head = NULL;
  const guint8 *data;
  const guint8 *p;
  const guint8 *end;
  guint32 version;
  guint32 n_entries;
  gboolean matches = FALSE;

  if (mapped == NULL || g_mapped_file_get_length (mapped) < 12 + 20)
    return FALSE;

  data = (const guint8 *)g_mapped_file_get_contents (mapped);
  end = data + g_mapped_file_get_length (mapped) - 20;   /* the checksum */
  if (memcmp (data, "DIRC", 4) != 0)
    return FALSE;
  version = read_be32 (data + 4);
  n_entries = read_be32 (data + 8);
  if (version < 2 || version > 4)
    return FALSE;

  p = skip_index_entries (data + 12, end, version, n_entries);

  while (p != NULL && end - p >= 8)
    {
      guint32 size = read_be32 (p + 4);
      const guint8 *ext = p + 8;

      if (size > (gsize)(end - ext))
        break;

      if (memcmp (p, "TREE", 4) == 0)
        {
          /* The root comes first: an empty path, "<entries> <subtrees>\n", its id. */
          g_autofree char *counts = NULL;
          const guint8 *newline;
          gint64 entry_count;
          git_oid cached;

          if (size < 1 || ext[0] != '\0' ||
              (newline = memchr (ext, '\n', size)) == NULL ||
              (gsize)(ext + size - (newline + 1)) < GIT_OID_RAWSZ)
            break;
          counts = g_strndup ((const char *)ext + 1, newline - (ext + 1));
          entry_count = g_ascii_strtoll (counts, NULL, 10);
          if (entry_count != n_entries)
            break;

          git_oid_fromraw (&cached, newline + 1);
          if (_tandem_git_lookup_head_commit (repo, &head, NULL) && head != NULL)
            matches = git_oid_equal (&cached, git_commit_tree_id (head));
          break;
        }

      p = ext + size;
    }

  git_commit_free (head);

  return matches;
}

/* Whether the index is big enough for a split scan (about 70 bytes an entry). */
static gboolean
index_looks_large (git_repository *repo)
{
  g_autofree char *path = g_build_filename (git_repository_path (repo), "index", NULL);
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > SPLIT_MIN_ENTRIES * 60;
}

static gboolean
collect_all_status (git_repository  *repo,
                    GPtrArray       *files,
                    GError         **error)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second_files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  g_autoptr(GAsyncQueue) queue = NULL;
  g_autofree char *workdir = NULL;
  git_index *index = NULL;
  ScanPart part = { 0 };
  GThread *thread;
  gboolean staged;
  gboolean split;
  gboolean ok;

  /* Nothing staged is the common case: then only the work tree needs a look. */
  staged = !index_matches_head (repo);

  if (!index_looks_large (repo))
    return collect_status (repo, staged ? GIT_STATUS_SHOW_INDEX_AND_WORKDIR
                                        : GIT_STATUS_SHOW_WORKDIR_ONLY,
                           NULL, files, error);

  workdir = g_strdup (git_repository_workdir (repo));
  queue = g_async_queue_new ();
  part.workdir_path = workdir;
  part.pathspec = queue;
  part.files = second_files;
  thread = g_thread_new ("tandem-git-status", scan_part_thread, &part);

  split = git_repository_index (&index, repo) == 0 &&
          git_index_entrycount (index) >= SPLIT_MIN_ENTRIES &&
          split_work_tree (repo, index, staged ? SPLIT_FIRST_SHARE : 0.5, first, second);
  git_index_free (index);

  g_async_queue_push (queue, split ? second : nothing);

  if (split)
    ok = (!staged || collect_status (repo, GIT_STATUS_SHOW_INDEX_ONLY, NULL, files, error)) &&
         collect_status (repo, GIT_STATUS_SHOW_WORKDIR_ONLY, first, files, error);
  else
    ok = collect_status (repo, GIT_STATUS_SHOW_INDEX_AND_WORKDIR, NULL, files, error);

  g_thread_join (thread);

  if (ok && part.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&part.error));
      ok = FALSE;
    }
  g_clear_error (&part.error);

  g_ptr_array_extend_and_steal (files, g_steal_pointer (&second_files));

  return ok;
}

TandemGitStatus *
_tandem_git_compute_status (git_repository  *repo,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(TandemGitStatus) status = _tandem_git_status_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) conflicts = g_hash_table_new (g_str_hash, g_str_equal);

  fill_head (repo, status);
  _tandem_git_status_set_state (status, repo_state (repo));

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !collect_all_status (repo, files, error))
    return NULL;

  for (guint i = 0; i < files->len; i++)
    {
      TandemGitFileStatus *file = g_ptr_array_index (files, i);

      /* A conflicted file may be listed by both halves of a split. */
      if (tandem_git_file_status_get_section (file) == TANDEM_GIT_SECTION_CONFLICTS &&
          !g_hash_table_add (conflicts, (gpointer)tandem_git_file_status_get_path (file)))
        continue;

      _tandem_git_status_take_file (status, g_object_ref (file));
    }

  _tandem_git_status_sort (status);

  return g_steal_pointer (&status);
}

static gpointer
status_op (TandemGitRepository  *self,
           git_repository       *repo,
           TandemGitOp          *op,
           GCancellable         *cancellable,
           GError              **error)
{
  return _tandem_git_compute_status (repo, cancellable, error);
}

void
tandem_git_repository_status_async (TandemGitRepository *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  _tandem_git_repository_run (self, _tandem_git_op_new (NULL, NULL, FALSE, FALSE), status_op,
                              g_object_unref, tandem_git_repository_status_async, cancellable,
                              callback, user_data);
}

/**
 * tandem_git_repository_status_finish:
 *
 * Returns: (transfer full): the status
 */
TandemGitStatus *
tandem_git_repository_status_finish (TandemGitRepository  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_status_async, error);
}
