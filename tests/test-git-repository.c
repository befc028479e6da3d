/* test-git-repository.c
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

#include "config.h"

#include <glib/gstdio.h>

#include "tandem-git-error.h"
#include "tandem-git-repository-private.h"
#include "tandem-test.h"

#define TIMEOUT_MS 20000

/* Helpers: the git CLI */

static char *
git_output_env (const char  *dir,
                const char  *command,
                char       **envp)
{
  g_autofree char *line = g_strdup_printf ("git -c init.defaultBranch=main -c user.name=Tester "
                                           "-c user.email=tester@example.com "
                                           "-c core.autocrlf=false %s", command);
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_shell_parse_argv (line, NULL, &argv, &error);
  g_assert_no_error (error);
  g_spawn_sync (dir, argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed in %s: %s%s", command, dir, out, err);

  return g_steal_pointer (&out);
}

static char *
git_output (const char *dir,
            const char *command)
{
  return git_output_env (dir, command, NULL);
}

/* Runs @command and returns whether it succeeded (for commands expected to fail). */
static gboolean
git_try (const char *dir,
         const char *command)
{
  g_autofree char *line = g_strdup_printf ("git -c user.name=Tester "
                                           "-c user.email=tester@example.com %s", command);
  g_auto(GStrv) argv = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (line, NULL, &argv, NULL));
  g_assert_true (g_spawn_sync (dir, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

static void
git (const char *dir,
     const char *command)
{
  g_free (git_output (dir, command));
}

/* Runs @command with author and committer dates at @unix_time. */
static void
git_at (const char *dir,
        const char *command,
        gint64      unix_time)
{
  g_autofree char *date = g_strdup_printf ("@%" G_GINT64_FORMAT " +0000", unix_time);
  g_auto(GStrv) env = g_get_environ ();

  env = g_environ_setenv (env, "GIT_AUTHOR_DATE", date, TRUE);
  env = g_environ_setenv (env, "GIT_COMMITTER_DATE", date, TRUE);
  g_free (git_output_env (dir, command, env));
}

static void
write_file (const char *dir,
            const char *path,
            const char *contents)
{
  g_autoptr(GFile) file = tandem_test_write_file (dir, path, contents, -1);
}

static void
remove_file (const char *dir,
             const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);

  g_assert_cmpint (g_unlink (full), ==, 0);
}

static char *
read_file (const char *dir,
           const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (full, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static gboolean
file_exists (const char *dir,
             const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);

  return g_file_test (full, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

/* A repository with one commit of a.txt, b.txt and sub/c.txt, and a local identity so
 * that libgit2 can commit. */
static char *
make_repo (const char *name)
{
  char *dir = tandem_test_make_dir (name);

  git (dir, "init -q");
  git (dir, "config user.name Tester");
  git (dir, "config user.email tester@example.com");
  write_file (dir, "a.txt", "alpha\n");
  write_file (dir, "b.txt", "bravo\n");
  write_file (dir, "sub/c.txt", "charlie\n");
  git (dir, "add -A");
  git (dir, "commit -q -m first");

  return dir;
}

static TandemGitRepository *
open_repo (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  TandemGitRepository *repo = tandem_git_repository_open (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (repo);
  return repo;
}

/* Helpers: waiting for the service */

#define WAIT(call, ...) \
  G_STMT_START { \
    result = NULL; \
    call (__VA_ARGS__, tandem_test_store_result_cb, &result); \
    tandem_test_wait_result (&result, TIMEOUT_MS); \
  } G_STMT_END

static TandemGitStatus *
status_of (TandemGitRepository *repo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TandemGitStatus *status;

  WAIT (tandem_git_repository_status_async, repo, NULL);
  status = tandem_git_repository_status_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static gboolean
index_action (TandemGitRepository   *repo,
              TandemGitIndexAction   action,
              const char * const    *paths,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  WAIT (tandem_git_repository_index_async, repo, action, paths, NULL);
  return tandem_git_repository_index_finish (repo, result, error);
}

static void
index_action_ok (TandemGitRepository  *repo,
                 TandemGitIndexAction  action,
                 const char           *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (index_action (repo, action, path != NULL ? paths : NULL, &error));
  g_assert_no_error (error);
}

static TandemGitFileDiff *
diff_of (TandemGitRepository *repo,
         const char          *path,
         gboolean             staged)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TandemGitFileDiff *diff;

  WAIT (tandem_git_repository_diff_file_async, repo, path, staged, NULL);
  diff = tandem_git_repository_diff_file_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (diff);
  return diff;
}

static gboolean
apply_hunk (TandemGitRepository  *repo,
            const char           *path,
            gboolean              staged,
            const char           *header,
            GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  WAIT (tandem_git_repository_apply_hunk_async, repo, path, staged, header, NULL);
  return tandem_git_repository_apply_hunk_finish (repo, result, error);
}

static char *
commit (TandemGitRepository  *repo,
        const char           *message,
        gboolean              amend,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  WAIT (tandem_git_repository_commit_async, repo, message, amend, NULL);
  return tandem_git_repository_commit_finish (repo, result, error);
}

static gboolean
set_identity (TandemGitRepository *repo,
              const char          *name,
              const char          *email,
              gboolean             global)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  WAIT (tandem_git_repository_set_identity_async, repo, name, email, global, NULL);
  ok = tandem_git_repository_set_identity_finish (repo, result, &error);
  g_assert_no_error (error);
  return ok;
}

static gboolean
branch_op (TandemGitRepository  *repo,
           const char           *op,
           const char           *name,
           gboolean              flag,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (g_str_equal (op, "create"))
    {
      WAIT (tandem_git_repository_create_branch_async, repo, name, flag, NULL);
      return tandem_git_repository_create_branch_finish (repo, result, error);
    }
  if (g_str_equal (op, "switch"))
    {
      WAIT (tandem_git_repository_switch_branch_async, repo, name, NULL);
      return tandem_git_repository_switch_branch_finish (repo, result, error);
    }
  g_assert_cmpstr (op, ==, "delete");
  WAIT (tandem_git_repository_delete_branch_async, repo, name, flag, NULL);
  return tandem_git_repository_delete_branch_finish (repo, result, error);
}

static GListModel *
branches_of (TandemGitRepository *repo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *branches;

  WAIT (tandem_git_repository_list_branches_async, repo, NULL);
  branches = tandem_git_repository_list_branches_finish (repo, result, &error);
  g_assert_no_error (error);
  return branches;
}

static GPtrArray *
history_of (TandemGitRepository *repo,
            guint                skip,
            guint                count)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *commits;

  WAIT (tandem_git_repository_history_async, repo, skip, count, NULL);
  commits = tandem_git_repository_history_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (commits);
  return commits;
}

static TandemGitCommit *
head_commit_of (TandemGitRepository *repo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TandemGitCommit *commit;

  WAIT (tandem_git_repository_head_commit_async, repo, NULL);
  commit = tandem_git_repository_head_commit_finish (repo, result, &error);
  g_assert_no_error (error);
  return commit;
}

/* "A:path M:path …" of one section. */
static char *
section_string (TandemGitStatus  *status,
                TandemGitSection  section)
{
  GListModel *files = tandem_git_status_get_files (status, section);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(TandemGitFileStatus) file = g_list_model_get_item (files, i);

      g_assert_cmpint (tandem_git_file_status_get_section (file), ==, section);
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s:%s", tandem_git_file_status_get_badge (file),
                              tandem_git_file_status_get_path (file));
      if (tandem_git_file_status_get_old_path (file) != NULL)
        g_string_append_printf (out, "<%s", tandem_git_file_status_get_old_path (file));
    }

  return g_string_free (out, FALSE);
}

#define assert_section(status, section, expected) \
  G_STMT_START { \
    g_autofree char *_s = section_string (status, section); \
    g_assert_cmpstr (_s, ==, expected); \
  } G_STMT_END

/* Tests */

static void
test_open (void)
{
  g_autofree char *dir = make_repo ("open");
  g_autofree char *plain = tandem_test_make_dir ("not-a-repo");
  g_autofree char *subdir = g_build_filename (dir, "sub", NULL);
  g_autoptr(GFile) sub_file = g_file_new_for_path (subdir);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain);
  g_autoptr(GFile) inside = NULL;
  g_autoptr(GFile) outside = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(TandemGitRepository) none = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *git_dir_name = NULL;

  WAIT (tandem_git_repository_discover_async, sub_file, NULL);
  repo = tandem_git_repository_discover_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (TANDEM_IS_GIT_REPOSITORY (repo));
  g_clear_object (&result);

  workdir = g_file_get_path (tandem_git_repository_get_workdir (repo));
  g_assert_cmpstr (workdir, ==, dir);
  git_dir_name = g_file_get_basename (tandem_git_repository_get_git_dir (repo));
  g_assert_cmpstr (git_dir_name, ==, ".git");
  g_assert_null (tandem_git_repository_get_status (repo));

  inside = g_file_new_build_filename (dir, "sub", "c.txt", NULL);
  relative = tandem_git_repository_get_relative_path (repo, inside);
  g_assert_cmpstr (relative, ==, "sub/c.txt");
  outside = g_file_new_for_path (plain);
  g_assert_null (tandem_git_repository_get_relative_path (repo, outside));

  /* Not in a repository: no repository and no error. */
  WAIT (tandem_git_repository_discover_async, plain_file, NULL);
  none = tandem_git_repository_discover_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  none = tandem_git_repository_open (plain_file, &error);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOT_A_REPOSITORY);
  g_assert_null (none);
}

static void
test_status_sections (void)
{
  g_autofree char *dir = make_repo ("sections");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autofree char *link = g_build_filename (dir, "b.txt", NULL);
  g_autofree char *head = git_output (dir, "rev-parse --short=7 HEAD");

  /* Staged: modified, added, deleted, renamed. */
  write_file (dir, "a.txt", "alpha 2\n");
  write_file (dir, "new.txt", "new\n");
  write_file (dir, "d.txt", "delta\n");
  git (dir, "add a.txt new.txt");
  git (dir, "mv sub/c.txt sub/moved.txt");
  /* Changes: a.txt again, a deleted file and a type change. */
  write_file (dir, "a.txt", "alpha 3\n");
  g_unlink (link);
  g_assert_cmpint (symlink ("a.txt", link), ==, 0);
  /* Untracked, in a new folder too. */
  write_file (dir, "u.txt", "u\n");
  write_file (dir, "newdir/deep/x.txt", "x\n");
  remove_file (dir, "sub/moved.txt");

  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "main");
  g_assert_false (tandem_git_status_get_detached (status));
  g_assert_false (tandem_git_status_get_unborn (status));
  g_assert_cmpstr (tandem_git_status_get_head_short_id (status), ==, g_strstrip (head));
  g_assert_null (tandem_git_status_get_upstream (status));
  g_assert_cmpint (tandem_git_status_get_state (status), ==, TANDEM_GIT_STATE_NONE);

  assert_section (status, TANDEM_GIT_SECTION_STAGED, "M:a.txt A:new.txt R:sub/moved.txt<sub/c.txt");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "M:a.txt T:b.txt D:sub/moved.txt");
  assert_section (status, TANDEM_GIT_SECTION_UNTRACKED, "U:d.txt U:newdir/deep/x.txt U:u.txt");
  assert_section (status, TANDEM_GIT_SECTION_CONFLICTS, "");
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 9);
}

/* Sorts "badge:path" words by path, as the status lists are. */
static int
compare_after_badge (gconstpointer a,
                     gconstpointer b)
{
  return g_strcmp0 (strchr (*(char **)a, ':'), strchr (*(char **)b, ':'));
}

/* What `git status` says, in the form of section_string (). */
static char *
git_status_sections (const char       *dir,
                     TandemGitSection  section)
{
  g_autofree char *out = git_output (dir, "-c status.renames=true status --porcelain "
                                     "--untracked-files=all");
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *result = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      char x = lines[i][0];
      char y = lines[i][1];
      const char *path = lines[i] + 3;
      const char *arrow = strstr (path, " -> ");
      g_autofree char *old_path = arrow != NULL ? g_strndup (path, arrow - path) : NULL;
      const char *new_path = arrow != NULL ? arrow + 4 : path;
      gboolean conflict = x == 'U' || y == 'U' || (x == 'A' && y == 'A') || (x == 'D' && y == 'D');

      if (section == TANDEM_GIT_SECTION_CONFLICTS && conflict)
        g_ptr_array_add (items, g_strdup_printf ("!:%s", new_path));
      else if (section == TANDEM_GIT_SECTION_UNTRACKED && x == '?')
        g_ptr_array_add (items, g_strdup_printf ("U:%s", new_path));
      else if (section == TANDEM_GIT_SECTION_STAGED && !conflict && strchr ("MADRT", x) != NULL)
        g_ptr_array_add (items, old_path != NULL
                                ? g_strdup_printf ("%c:%s<%s", x, new_path, old_path)
                                : g_strdup_printf ("%c:%s", x, new_path));
      else if (section == TANDEM_GIT_SECTION_CHANGES && !conflict && strchr ("MDT", y) != NULL)
        g_ptr_array_add (items, g_strdup_printf ("%c:%s", y, new_path));
    }

  g_ptr_array_sort (items, compare_after_badge);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (result, "%s%s", i > 0 ? " " : "", (char *)items->pdata[i]);

  return g_string_free (result, FALSE);
}

/* A work tree big enough for the scan to be split between two threads: the result must
 * be the same as git's. */
static void
test_status_large (void)
{
  g_autofree char *dir = tandem_test_make_dir ("large");
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(TandemGitStatus) status = NULL;

  git (dir, "init -q");
  for (guint d = 0; d < 30; d++)
    for (guint f = 0; f < 300; f++)
      {
        g_autofree char *path = g_strdup_printf ("dir%02u/file%03u.txt", d, f);
        g_autofree char *text = g_strdup_printf ("%u %u\n", d, f);

        write_file (dir, path, text);
      }
  write_file (dir, "root.txt", "root\n");
  write_file (dir, "zz-last.txt", "last\n");
  git (dir, "add -A");
  git (dir, "commit -q -m big");

  write_file (dir, "dir00/file000.txt", "changed\n");
  write_file (dir, "dir29/file299.txt", "changed\n");
  write_file (dir, "dir15/file150.txt", "changed and staged\n");
  git (dir, "add dir15/file150.txt");
  remove_file (dir, "dir07/file007.txt");
  remove_file (dir, "zz-last.txt");
  git (dir, "mv dir02/file002.txt dir27/moved.txt");
  write_file (dir, "dir03/new.txt", "untracked\n");
  write_file (dir, "aaa-new/deep/x.txt", "untracked\n");
  write_file (dir, "zzz-new.txt", "untracked\n");

  repo = open_repo (dir);
  status = status_of (repo);

  for (guint section = 0; section < TANDEM_GIT_N_SECTIONS; section++)
    {
      g_autofree char *ours = section_string (status, section);
      g_autofree char *theirs = git_status_sections (dir, section);

      g_assert_cmpstr (ours, ==, theirs);
    }

  assert_section (status, TANDEM_GIT_SECTION_STAGED,
                  "M:dir15/file150.txt R:dir27/moved.txt<dir02/file002.txt");
  assert_section (status, TANDEM_GIT_SECTION_UNTRACKED,
                  "U:aaa-new/deep/x.txt U:dir03/new.txt U:zzz-new.txt");
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 9);
}

/* Nothing staged is found without comparing HEAD with the index, through the index's
 * cached tree: it must still see a staged change the cached tree does not describe. */
static void
test_status_cached_tree (void)
{
  g_autofree char *dir = make_repo ("cached-tree");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) clean = NULL;
  g_autoptr(TandemGitStatus) soft = NULL;
  g_autoptr(TandemGitStatus) written = NULL;

  git (dir, "write-tree");
  write_file (dir, "a.txt", "unstaged\n");
  clean = status_of (repo);
  assert_section (clean, TANDEM_GIT_SECTION_STAGED, "");
  assert_section (clean, TANDEM_GIT_SECTION_CHANGES, "M:a.txt");

  /* The index's tree is valid, but it is not HEAD's any more. */
  write_file (dir, "b.txt", "second\n");
  git (dir, "commit -q -am second");
  git (dir, "reset -q --soft HEAD~1");
  git (dir, "write-tree");
  soft = status_of (repo);
  assert_section (soft, TANDEM_GIT_SECTION_STAGED, "M:a.txt M:b.txt");
  assert_section (soft, TANDEM_GIT_SECTION_CHANGES, "");

  /* And back: HEAD's tree again. */
  git (dir, "commit -q -m again");
  written = status_of (repo);
  g_assert_cmpuint (tandem_git_status_get_n_changes (written), ==, 0);
}

static void
test_status_unborn_detached (void)
{
  g_autofree char *dir = tandem_test_make_dir ("unborn");
  g_autofree char *dir2 = make_repo ("detached");
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(TandemGitRepository) repo2 = NULL;
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(TandemGitStatus) status2 = NULL;
  g_autoptr(TandemGitCommit) head = NULL;
  g_autoptr(GPtrArray) history = NULL;

  git (dir, "init -q");
  write_file (dir, "one.txt", "1\n");
  write_file (dir, "two.txt", "2\n");
  git (dir, "add one.txt two.txt");
  repo = open_repo (dir);
  status = status_of (repo);
  g_assert_true (tandem_git_status_get_unborn (status));
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "main");
  g_assert_null (tandem_git_status_get_head_short_id (status));
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "A:one.txt A:two.txt");

  /* Unstaging without a commit takes the file out of the index. */
  index_action_ok (repo, TANDEM_GIT_INDEX_UNSTAGE, "one.txt");
  g_clear_object (&status);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "A:two.txt");
  assert_section (status, TANDEM_GIT_SECTION_UNTRACKED, "U:one.txt");

  head = head_commit_of (repo);
  g_assert_null (head);
  history = history_of (repo, 0, 10);
  g_assert_cmpuint (history->len, ==, 0);

  git (dir2, "checkout -q --detach HEAD");
  repo2 = open_repo (dir2);
  status2 = status_of (repo2);
  g_assert_true (tandem_git_status_get_detached (status2));
  g_assert_null (tandem_git_status_get_branch (status2));
  g_assert_nonnull (tandem_git_status_get_head_short_id (status2));
}

static void
test_upstream (void)
{
  g_autofree char *origin = make_repo ("upstream-origin");
  g_autofree char *base = tandem_test_make_dir ("upstream-clone");
  g_autofree char *clone = g_build_filename (base, "work", NULL);
  g_autofree char *command = g_strdup_printf ("clone -q %s work", origin);
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(GListModel) branches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GString *s;

  git (origin, "branch topic");
  git (base, command);
  repo = open_repo (clone);

  write_file (clone, "a.txt", "ahead\n");
  git (clone, "commit -q -am ahead");
  write_file (origin, "b.txt", "behind 1\n");
  git (origin, "commit -q -am behind1");
  write_file (origin, "b.txt", "behind 2\n");
  git (origin, "commit -q -am behind2");
  git (clone, "fetch -q");

  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_upstream (status), ==, "origin/main");
  g_assert_cmpuint (tandem_git_status_get_ahead (status), ==, 1);
  g_assert_cmpuint (tandem_git_status_get_behind (status), ==, 2);

  /* Local branches first, then remote ones, without origin/HEAD. */
  branches = branches_of (repo);
  s = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr(TandemGitBranch) branch = g_list_model_get_item (branches, i);

      g_string_append_printf (s, "%s%s%s%s ", tandem_git_branch_get_name (branch),
                              tandem_git_branch_get_is_head (branch) ? "*" : "",
                              tandem_git_branch_get_is_remote (branch) ? "(r)" : "",
                              tandem_git_branch_get_upstream (branch) != NULL ? "^" : "");
      g_assert_cmpuint (strlen (tandem_git_branch_get_target_short_id (branch)), ==, 7);
    }
  names = g_string_free (s, FALSE);
  g_assert_cmpstr (names, ==, "main*^ origin/main(r) origin/topic(r) ");

  /* A remote branch becomes a local one that tracks it. */
  g_assert_true (branch_op (repo, "switch", "origin/topic", FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "topic");
  g_assert_cmpstr (tandem_git_status_get_upstream (status), ==, "origin/topic");
  g_assert_cmpuint (tandem_git_status_get_ahead (status), ==, 0);
}

static void
test_stage_unstage_discard (void)
{
  g_autofree char *dir = make_repo ("stage");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autofree char *contents = NULL;

  write_file (dir, "a.txt", "alpha changed\n");
  remove_file (dir, "b.txt");
  write_file (dir, "u.txt", "untracked\n");

  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "a.txt");
  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "b.txt");
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "M:a.txt D:b.txt");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "");

  index_action_ok (repo, TANDEM_GIT_INDEX_UNSTAGE, "a.txt");
  g_clear_object (&status);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "D:b.txt");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "M:a.txt");

  index_action_ok (repo, TANDEM_GIT_INDEX_UNSTAGE, "b.txt");
  index_action_ok (repo, TANDEM_GIT_INDEX_DISCARD, "a.txt");
  index_action_ok (repo, TANDEM_GIT_INDEX_DISCARD, "b.txt");
  index_action_ok (repo, TANDEM_GIT_INDEX_DISCARD, "u.txt");
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 0);
  contents = read_file (dir, "a.txt");
  g_assert_cmpstr (contents, ==, "alpha\n");
  g_assert_true (file_exists (dir, "b.txt"));
  g_assert_false (file_exists (dir, "u.txt"));

  /* A renamed file unstages as a whole. */
  git (dir, "mv a.txt renamed.txt");
  index_action_ok (repo, TANDEM_GIT_INDEX_UNSTAGE, "renamed.txt");
  g_clear_object (&status);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "D:a.txt");
  assert_section (status, TANDEM_GIT_SECTION_UNTRACKED, "U:renamed.txt");
}

static void
test_stage_all (void)
{
  g_autofree char *dir = make_repo ("stage-all");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autofree char *cached = NULL;

  write_file (dir, "a.txt", "alpha changed\n");
  remove_file (dir, "b.txt");
  write_file (dir, "dir/u.txt", "untracked\n");
  write_file (dir, ".git/info/exclude", "*.log\n");
  write_file (dir, "ignored.log", "ignored\n");

  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, NULL);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "M:a.txt D:b.txt A:dir/u.txt");
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 3);
  cached = git_output (dir, "diff --cached --name-only");
  g_assert_cmpstr (cached, ==, "a.txt\nb.txt\ndir/u.txt\n");

  index_action_ok (repo, TANDEM_GIT_INDEX_UNSTAGE, NULL);
  g_clear_object (&status);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "M:a.txt D:b.txt");
  assert_section (status, TANDEM_GIT_SECTION_UNTRACKED, "U:dir/u.txt");

  /* Discard all: every change and untracked file, but not ignored ones. */
  index_action_ok (repo, TANDEM_GIT_INDEX_DISCARD, NULL);
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 0);
  g_assert_true (file_exists (dir, "ignored.log"));
}

static char *
numbered_lines (guint       n,
                guint       changed_a,
                guint       changed_b)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    {
      if (i == changed_a || i == changed_b)
        g_string_append_printf (s, "line %u changed\n", i);
      else
        g_string_append_printf (s, "line %u\n", i);
    }

  return g_string_free (s, FALSE);
}

static void
test_hunks (void)
{
  g_autofree char *dir = make_repo ("hunks");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autofree char *original = numbered_lines (30, 0, 0);
  g_autofree char *changed = numbered_lines (30, 3, 27);
  g_autoptr(TandemGitFileDiff) unstaged = NULL;
  g_autoptr(TandemGitFileDiff) staged = NULL;
  g_autoptr(TandemGitFileDiff) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *cached_after = NULL;
  g_autofree char *index_before = NULL;
  g_autofree char *index_after = NULL;
  const TandemGitDiffHunk *first;
  const TandemGitDiffHunk *second;
  g_autofree char *first_header = NULL;
  g_autofree char *second_header = NULL;

  write_file (dir, "lines.txt", original);
  git (dir, "add lines.txt");
  git (dir, "commit -q -m lines");
  write_file (dir, "lines.txt", changed);

  unstaged = diff_of (repo, "lines.txt", FALSE);
  g_assert_false (tandem_git_file_diff_get_staged (unstaged));
  g_assert_false (tandem_git_file_diff_get_binary (unstaged));
  g_assert_cmpint (tandem_git_file_diff_get_kind (unstaged), ==, TANDEM_GIT_CHANGE_MODIFIED);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (unstaged), ==, 2);
  g_assert_cmpuint (tandem_git_file_diff_get_additions (unstaged), ==, 2);
  g_assert_cmpuint (tandem_git_file_diff_get_deletions (unstaged), ==, 2);
  first = tandem_git_file_diff_get_hunk (unstaged, 0);
  second = tandem_git_file_diff_get_hunk (unstaged, 1);
  g_assert_cmpstr (first->header, ==, "@@ -1,6 +1,6 @@");
  g_assert_cmpint (first->old_start, ==, 1);
  g_assert_cmpint (first->new_lines, ==, 6);
  g_assert_cmpuint (first->lines->len, ==, 7);
  {
    TandemGitDiffLine *removed = &g_array_index (first->lines, TandemGitDiffLine, 2);
    TandemGitDiffLine *added = &g_array_index (first->lines, TandemGitDiffLine, 3);

    g_assert_cmpint (removed->origin, ==, TANDEM_GIT_LINE_REMOVED);
    g_assert_cmpstr (removed->content, ==, "line 3");
    g_assert_cmpint (removed->old_lineno, ==, 3);
    g_assert_cmpint (removed->new_lineno, ==, -1);
    g_assert_cmpint (added->origin, ==, TANDEM_GIT_LINE_ADDED);
    g_assert_cmpstr (added->content, ==, "line 3 changed");
    g_assert_cmpint (added->new_lineno, ==, 3);
  }
  first_header = g_strdup (first->header);
  second_header = g_strdup (second->header);

  /* Stage the second hunk only. */
  g_assert_true (apply_hunk (repo, "lines.txt", FALSE, second_header, &error));
  g_assert_no_error (error);
  cached = git_output (dir, "diff --cached -U0 lines.txt");
  g_assert_nonnull (strstr (cached, "+line 27 changed"));
  g_assert_null (strstr (cached, "line 3 changed"));
  g_clear_object (&unstaged);
  unstaged = diff_of (repo, "lines.txt", FALSE);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (unstaged), ==, 1);

  /* Then the first: now everything is staged. */
  g_assert_true (apply_hunk (repo, "lines.txt", FALSE, first_header, &error));
  g_assert_no_error (error);
  staged = diff_of (repo, "lines.txt", TRUE);
  g_assert_true (tandem_git_file_diff_get_staged (staged));
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (staged), ==, 2);

  /* Unstage the first hunk of the staged diff. */
  g_assert_true (apply_hunk (repo, "lines.txt", TRUE,
                             tandem_git_file_diff_get_hunk (staged, 0)->header, &error));
  g_assert_no_error (error);
  cached_after = git_output (dir, "diff --cached -U0 lines.txt");
  g_assert_nonnull (strstr (cached_after, "+line 27 changed"));
  g_assert_null (strstr (cached_after, "line 3 changed"));
  after = diff_of (repo, "lines.txt", FALSE);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (after), ==, 1);
  g_assert_cmpstr (tandem_git_file_diff_get_hunk (after, 0)->header, ==, "@@ -1,6 +1,6 @@");

  /* A header that no longer exists changes nothing. */
  index_before = git_output (dir, "ls-files -s lines.txt");
  g_assert_false (apply_hunk (repo, "lines.txt", FALSE, "@@ -10,7 +10,8 @@", &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DIFF_CHANGED);
  g_clear_error (&error);
  g_assert_false (apply_hunk (repo, "lines.txt", TRUE, first_header, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DIFF_CHANGED);
  g_clear_error (&error);
  index_after = git_output (dir, "ls-files -s lines.txt");
  g_assert_cmpstr (index_before, ==, index_after);
}

static void
test_diff_details (void)
{
  g_autofree char *dir = make_repo ("diff-details");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitFileDiff) untracked = NULL;
  g_autoptr(TandemGitFileDiff) binary = NULL;
  g_autoptr(TandemGitFileDiff) no_newline = NULL;
  g_autoptr(TandemGitFileDiff) latin1 = NULL;
  g_autoptr(TandemGitFileDiff) clean = NULL;
  g_autoptr(GFile) bin = NULL;
  const TandemGitDiffHunk *hunk;
  const TandemGitDiffLine *line;

  write_file (dir, "new.txt", "one\ntwo\n");
  untracked = diff_of (repo, "new.txt", FALSE);
  g_assert_cmpint (tandem_git_file_diff_get_kind (untracked), ==, TANDEM_GIT_CHANGE_UNTRACKED);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (untracked), ==, 1);
  g_assert_cmpuint (tandem_git_file_diff_get_additions (untracked), ==, 2);
  g_assert_cmpuint (tandem_git_file_diff_get_deletions (untracked), ==, 0);

  bin = tandem_test_write_file (dir, "data.bin", "\x01\x00\x02\x03", 4);
  git (dir, "add data.bin");
  g_clear_object (&bin);
  bin = tandem_test_write_file (dir, "data.bin", "\x01\x00\x02\x04\x05", 5);
  binary = diff_of (repo, "data.bin", FALSE);
  g_assert_true (tandem_git_file_diff_get_binary (binary));
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (binary), ==, 0);

  write_file (dir, "a.txt", "alpha\nno newline");
  no_newline = diff_of (repo, "a.txt", FALSE);
  hunk = tandem_git_file_diff_get_hunk (no_newline, 0);
  line = &g_array_index (hunk->lines, TandemGitDiffLine, hunk->lines->len - 1);
  g_assert_cmpstr (line->content, ==, "no newline");
  g_assert_true (line->no_newline);
  g_assert_false (g_array_index (hunk->lines, TandemGitDiffLine, 0).no_newline);

  write_file (dir, "b.txt", "caf\xe9\n");
  latin1 = diff_of (repo, "b.txt", FALSE);
  hunk = tandem_git_file_diff_get_hunk (latin1, 0);
  line = &g_array_index (hunk->lines, TandemGitDiffLine, 1);
  g_assert_true (g_utf8_validate (line->content, -1, NULL));
  g_assert_true (g_str_has_prefix (line->content, "caf"));

  clean = diff_of (repo, "sub/c.txt", TRUE);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (clean), ==, 0);
}

static void
test_commit (void)
{
  g_autofree char *dir = tandem_test_make_dir ("commit");
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(TandemGitCommit) head = NULL;
  g_autoptr(TandemGitCommit) amended = NULL;
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *gitconfig = g_build_filename (g_get_home_dir (), ".gitconfig", NULL);
  g_autofree char *xdg_config = g_build_filename (g_get_user_config_dir (), "git", "config", NULL);
  g_autofree char *log = NULL;
  g_autofree char *saved = NULL;

  /* A fresh repository without identity anywhere. */
  git (dir, "init -q");
  write_file (dir, "a.txt", "alpha\n");
  repo = open_repo (dir);
  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "a.txt");

  WAIT (tandem_git_repository_get_identity_async, repo, NULL);
  g_assert_true (tandem_git_repository_get_identity_finish (repo, result, &name, &email, &error));
  g_assert_no_error (error);
  g_assert_null (name);
  g_assert_null (email);

  g_assert_null (commit (repo, "First", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_IDENTITY_MISSING);
  g_clear_error (&error);

  /* Global identity: ~/.gitconfig, since $XDG_CONFIG_HOME/git/config does not exist. */
  g_assert_false (g_file_test (gitconfig, G_FILE_TEST_EXISTS));
  g_assert_true (set_identity (repo, "Ada Lovelace", "ada@example.com", TRUE));
  g_assert_true (g_file_test (gitconfig, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (xdg_config, G_FILE_TEST_EXISTS));
  g_clear_object (&result);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&email, g_free);
  WAIT (tandem_git_repository_get_identity_async, repo, NULL);
  g_assert_true (tandem_git_repository_get_identity_finish (repo, result, &name, &email, &error));
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_cmpstr (email, ==, "ada@example.com");

  g_assert_null (commit (repo, "  \n ", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_EMPTY_MESSAGE);
  g_clear_error (&error);

  id = commit (repo, "  First commit\n\nWith a body.\n", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (id), ==, 40);
  log = git_output (dir, "log -1 --format=%H%n%an%n%B");
  g_assert_true (g_str_has_prefix (log, id));
  g_assert_nonnull (strstr (log, "\nAda Lovelace\nFirst commit\n\nWith a body.\n"));

  head = head_commit_of (repo);
  g_assert_cmpstr (tandem_git_commit_get_id (head), ==, id);
  g_assert_cmpstr (tandem_git_commit_get_summary (head), ==, "First commit");
  g_assert_cmpstr (tandem_git_commit_get_message (head), ==, "First commit\n\nWith a body.");
  g_assert_cmpstr (tandem_git_commit_get_author_name (head), ==, "Ada Lovelace");
  g_assert_cmpstr (tandem_git_commit_get_author_email (head), ==, "ada@example.com");
  g_assert_cmpuint (tandem_git_commit_get_n_parents (head), ==, 0);
  status = status_of (repo);
  g_assert_cmpstr (tandem_git_commit_get_short_id (head), ==,
                   tandem_git_status_get_head_short_id (status));

  /* Nothing staged. */
  write_file (dir, "a.txt", "alpha 2\n");
  g_assert_null (commit (repo, "Second", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOTHING_TO_COMMIT);
  g_clear_error (&error);

  /* Amend with the new change. */
  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "a.txt");
  id2 = commit (repo, "First commit, amended", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id2, !=, id);
  amended = head_commit_of (repo);
  g_assert_cmpstr (tandem_git_commit_get_summary (amended), ==, "First commit, amended");
  g_assert_cmpuint (tandem_git_commit_get_n_parents (amended), ==, 0);
  g_free (log);
  log = git_output (dir, "rev-list --count HEAD");
  g_assert_cmpstr (log, ==, "1\n");
  g_free (saved);
  saved = git_output (dir, "show HEAD:a.txt");
  g_assert_cmpstr (saved, ==, "alpha 2\n");

  /* Local identity goes to .git/config; with $XDG_CONFIG_HOME/git/config present, global
   * goes there. */
  g_assert_true (set_identity (repo, "Local Name", "local@example.com", FALSE));
  g_free (log);
  log = git_output (dir, "config --local user.name");
  g_assert_cmpstr (log, ==, "Local Name\n");
  write_file (g_get_user_config_dir (), "git/config", "");
  g_assert_true (set_identity (repo, "Xdg Name", "xdg@example.com", TRUE));
  g_free (saved);
  saved = read_file (g_get_user_config_dir (), "git/config");
  g_assert_nonnull (strstr (saved, "Xdg Name"));

  write_file (dir, "b.txt", "bravo\n");
  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "b.txt");
  id3 = commit (repo, "Second", FALSE, &error);
  g_assert_no_error (error);
  g_free (log);
  log = git_output (dir, "log -1 --format=%an%n%P");
  g_assert_true (g_str_has_prefix (log, "Local Name\n"));
  g_assert_nonnull (strstr (log, id2));
}

static void
test_merge_commit (void)
{
  g_autofree char *dir = make_repo ("merge");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(TandemGitCommit) head = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  git (dir, "checkout -q -b feature");
  write_file (dir, "b.txt", "bravo from feature\n");
  git (dir, "commit -q -am feature");
  git (dir, "checkout -q main");
  write_file (dir, "a.txt", "alpha from main\n");
  git (dir, "commit -q -am main");
  git (dir, "merge -q --no-commit --no-ff feature");

  status = status_of (repo);
  g_assert_cmpint (tandem_git_status_get_state (status), ==, TANDEM_GIT_STATE_MERGE);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "M:b.txt");

  id = commit (repo, "Merge feature", FALSE, &error);
  g_assert_no_error (error);
  head = head_commit_of (repo);
  g_assert_cmpuint (tandem_git_commit_get_n_parents (head), ==, 2);
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpint (tandem_git_status_get_state (status), ==, TANDEM_GIT_STATE_NONE);
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 0);
}

static void
test_conflicts (void)
{
  g_autofree char *dir = make_repo ("conflicts");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(TandemGitCommit) head = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *staged = NULL;
  g_autoptr(TandemGitFileDiff) conflicted = NULL;
  const char *c2[] = { "c2.txt", NULL };

  write_file (dir, "c1.txt", "base\n");
  write_file (dir, "c2.txt", "base\n");
  write_file (dir, "c3.txt", "base\n");
  git (dir, "add -A");
  git (dir, "commit -q -m base");
  git (dir, "checkout -q -b feature");
  write_file (dir, "c1.txt", "theirs\n");
  write_file (dir, "c2.txt", "theirs\n");
  write_file (dir, "c3.txt", "theirs\n");
  git (dir, "commit -q -am feature");
  git (dir, "checkout -q main");
  write_file (dir, "c1.txt", "ours\n");
  write_file (dir, "c2.txt", "ours\n");
  write_file (dir, "c3.txt", "ours\n");
  git (dir, "commit -q -am main");
  g_assert_false (git_try (dir, "merge feature"));

  status = status_of (repo);
  g_assert_cmpint (tandem_git_status_get_state (status), ==, TANDEM_GIT_STATE_MERGE);
  assert_section (status, TANDEM_GIT_SECTION_CONFLICTS, "!:c1.txt !:c2.txt !:c3.txt");
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "");

  /* A conflicted file has a diff without hunks, not an error. */
  conflicted = diff_of (repo, "c1.txt", FALSE);
  g_assert_cmpint (tandem_git_file_diff_get_kind (conflicted), ==, TANDEM_GIT_CHANGE_CONFLICTED);
  g_assert_false (tandem_git_file_diff_get_binary (conflicted));

  /* Committing now is refused. */
  g_assert_null (commit (repo, "Too early", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_CONFLICTS);
  g_clear_error (&error);

  index_action_ok (repo, TANDEM_GIT_INDEX_TAKE_OURS, "c1.txt");
  g_assert_true (index_action (repo, TANDEM_GIT_INDEX_TAKE_THEIRS, c2, &error));
  g_assert_no_error (error);
  write_file (dir, "c3.txt", "both\n");
  index_action_ok (repo, TANDEM_GIT_INDEX_MARK_RESOLVED, "c3.txt");

  ours = read_file (dir, "c1.txt");
  theirs = read_file (dir, "c2.txt");
  resolved = read_file (dir, "c3.txt");
  g_assert_cmpstr (ours, ==, "ours\n");
  g_assert_cmpstr (theirs, ==, "theirs\n");
  g_assert_cmpstr (resolved, ==, "both\n");
  staged = git_output (dir, "show :c3.txt");
  g_assert_cmpstr (staged, ==, "both\n");

  g_clear_object (&status);
  status = status_of (repo);
  assert_section (status, TANDEM_GIT_SECTION_CONFLICTS, "");
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "M:c2.txt M:c3.txt");
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "");

  id = commit (repo, "Merge feature", FALSE, &error);
  g_assert_no_error (error);
  head = head_commit_of (repo);
  g_assert_cmpuint (tandem_git_commit_get_n_parents (head), ==, 2);
}

static void
test_branches (void)
{
  g_autofree char *dir = make_repo ("branches");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitStatus) status = NULL;
  g_autoptr(GListModel) branches = NULL;
  g_autoptr(TandemGitBranch) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (branch_op (repo, "create", "feature", FALSE, &error));
  g_assert_no_error (error);
  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "main");

  g_assert_false (branch_op (repo, "create", "feature", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (branch_op (repo, "create", "bad..name", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_true (branch_op (repo, "create", "work", TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "work");

  branches = branches_of (repo);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 3);
  first = g_list_model_get_item (branches, 0);
  g_assert_cmpstr (tandem_git_branch_get_name (first), ==, "feature");
  g_assert_false (tandem_git_branch_get_is_head (first));

  /* A commit on work, then local changes to the same file on main. */
  write_file (dir, "a.txt", "alpha on work\n");
  git (dir, "commit -q -am work");
  g_assert_true (branch_op (repo, "switch", "main", FALSE, &error));
  g_assert_no_error (error);
  contents = read_file (dir, "a.txt");
  g_assert_cmpstr (contents, ==, "alpha\n");

  write_file (dir, "a.txt", "my local edit\n");
  g_assert_false (branch_op (repo, "switch", "work", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_WOULD_OVERWRITE);
  g_assert_nonnull (strstr (error->message, "a.txt"));
  g_clear_error (&error);
  g_free (contents);
  contents = read_file (dir, "a.txt");
  g_assert_cmpstr (contents, ==, "my local edit\n");
  g_clear_object (&status);
  status = status_of (repo);
  g_assert_cmpstr (tandem_git_status_get_branch (status), ==, "main");
  index_action_ok (repo, TANDEM_GIT_INDEX_DISCARD, "a.txt");

  /* work has a commit main lacks. */
  g_assert_false (branch_op (repo, "delete", "work", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_UNMERGED);
  g_clear_error (&error);
  g_assert_false (branch_op (repo, "delete", "main", TRUE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (branch_op (repo, "delete", "feature", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (branch_op (repo, "delete", "work", TRUE, &error));
  g_assert_no_error (error);

  g_clear_object (&branches);
  branches = branches_of (repo);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 1);
  g_assert_false (branch_op (repo, "switch", "nothing-here", FALSE, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED);
}

static void
test_history (void)
{
  g_autofree char *dir = make_repo ("history");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page3 = NULL;
  g_autoptr(GPtrArray) beyond = NULL;
  /* Later than the first commit, made now. */
  gint64 base = g_get_real_time () / G_USEC_PER_SEC + 3600;

  for (guint i = 2; i <= 25; i++)
    {
      g_autofree char *text = g_strdup_printf ("alpha %u\n", i);
      g_autofree char *command = g_strdup_printf ("commit -q -am \"Commit %u\"", i);

      write_file (dir, "a.txt", text);
      git_at (dir, command, base + i * 60);
    }

  page1 = history_of (repo, 0, 10);
  g_assert_cmpuint (page1->len, ==, 10);
  g_assert_cmpstr (tandem_git_commit_get_summary (g_ptr_array_index (page1, 0)), ==, "Commit 25");
  g_assert_cmpstr (tandem_git_commit_get_summary (g_ptr_array_index (page1, 9)), ==, "Commit 16");
  g_assert_cmpint (g_date_time_to_unix (tandem_git_commit_get_time (g_ptr_array_index (page1, 0))),
                   ==, base + 25 * 60);

  page3 = history_of (repo, 20, 10);
  g_assert_cmpuint (page3->len, ==, 5);
  g_assert_cmpstr (tandem_git_commit_get_summary (g_ptr_array_index (page3, 4)), ==, "first");

  beyond = history_of (repo, 30, 10);
  g_assert_cmpuint (beyond->len, ==, 0);
}

/* Commits made in the same second, the root one too, come newest first, as git log shows
 * them. */
static void
test_history_same_second (void)
{
  g_autofree char *dir = tandem_test_make_dir ("history-same-second");
  g_autoptr(TandemGitRepository) repo = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *summaries[] = { "three", "two", "one" };

  git (dir, "init -q");
  /* "one", then "two", then "three", all at the same second. */
  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      const char *summary = summaries[G_N_ELEMENTS (summaries) - 1 - i];
      g_autofree char *command = g_strdup_printf ("commit -q -am %s", summary);
      g_autofree char *text = g_strdup_printf ("alpha %s\n", summary);

      write_file (dir, "a.txt", text);
      git (dir, "add a.txt");
      git_at (dir, command, 1700000000);
    }

  repo = open_repo (dir);
  history = history_of (repo, 0, 10);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (summaries));
  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    g_assert_cmpstr (tandem_git_commit_get_summary (g_ptr_array_index (history, i)), ==,
                     summaries[i]);
}

/* Ten numbered lines with line @changed reworded (none when 0). */
static char *
ten_lines (guint changed)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (text, i == changed ? "line %u, reworded\n" : "line %u\n", i);
  return g_string_free (text, FALSE);
}

static void
assert_renamed_one_line (TandemGitFileDiff *file)
{
  g_assert_cmpint (tandem_git_file_diff_get_kind (file), ==, TANDEM_GIT_CHANGE_RENAMED);
  g_assert_cmpstr (tandem_git_file_diff_get_path (file), ==, "moved.txt");
  g_assert_cmpstr (tandem_git_file_diff_get_old_path (file), ==, "lines.txt");
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (file), ==, 1);
  g_assert_cmpuint (tandem_git_file_diff_get_additions (file), ==, 1);
  g_assert_cmpuint (tandem_git_file_diff_get_deletions (file), ==, 1);
}

/* A staged rename with a small edit shows as a rename with only the changed lines, staged
 * and once committed. */
static void
test_rename_diff (void)
{
  g_autofree char *dir = make_repo ("rename-diff");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitFileDiff) staged = NULL;
  g_autoptr(TandemGitFileDiff) added = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) committed = NULL;
  g_autofree char *original = ten_lines (0);
  g_autofree char *edited = ten_lines (5);

  write_file (dir, "lines.txt", original);
  git (dir, "add lines.txt");
  git (dir, "commit -q -m lines");
  git (dir, "mv lines.txt moved.txt");
  write_file (dir, "moved.txt", edited);
  write_file (dir, "fresh.txt", "fresh\n");
  git (dir, "add moved.txt fresh.txt");

  staged = diff_of (repo, "moved.txt", TRUE);
  assert_renamed_one_line (staged);
  g_assert_true (tandem_git_file_diff_get_staged (staged));

  /* A file that really is new stays added. */
  added = diff_of (repo, "fresh.txt", TRUE);
  g_assert_cmpint (tandem_git_file_diff_get_kind (added), ==, TANDEM_GIT_CHANGE_ADDED);
  g_assert_null (tandem_git_file_diff_get_old_path (added));

  git (dir, "rm -q --cached fresh.txt");
  git (dir, "commit -q -m moved");
  WAIT (tandem_git_repository_commit_diff_async, repo, "HEAD", NULL);
  committed = tandem_git_repository_commit_diff_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (committed->len, ==, 1);
  assert_renamed_one_line (g_ptr_array_index (committed, 0));
}

static void
test_commit_diff (void)
{
  g_autofree char *dir = make_repo ("commit-diff");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) root = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *root_id = git_output (dir, "rev-parse HEAD");
  TandemGitFileDiff *file;

  write_file (dir, "a.txt", "alpha\nmore\n");
  git (dir, "rm -q b.txt");
  git (dir, "commit -q -am second");

  WAIT (tandem_git_repository_commit_diff_async, repo, g_strstrip (root_id), NULL);
  root = tandem_git_repository_commit_diff_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (root->len, ==, 3);
  file = g_ptr_array_index (root, 0);
  g_assert_cmpstr (tandem_git_file_diff_get_path (file), ==, "a.txt");
  g_assert_cmpint (tandem_git_file_diff_get_kind (file), ==, TANDEM_GIT_CHANGE_ADDED);
  g_assert_cmpuint (tandem_git_file_diff_get_additions (file), ==, 1);
  g_assert_false (tandem_git_file_diff_get_staged (file));

  g_clear_object (&result);
  WAIT (tandem_git_repository_commit_diff_async, repo, "HEAD", NULL);
  second = tandem_git_repository_commit_diff_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  file = g_ptr_array_index (second, 0);
  g_assert_cmpint (tandem_git_file_diff_get_kind (file), ==, TANDEM_GIT_CHANGE_MODIFIED);
  g_assert_cmpuint (tandem_git_file_diff_get_n_hunks (file), ==, 1);
  g_assert_cmpuint (tandem_git_file_diff_get_additions (file), ==, 1);
  file = g_ptr_array_index (second, 1);
  g_assert_cmpstr (tandem_git_file_diff_get_path (file), ==, "b.txt");
  g_assert_cmpint (tandem_git_file_diff_get_kind (file), ==, TANDEM_GIT_CHANGE_DELETED);
}

static void
test_read_head_blob (void)
{
  g_autofree char *dir = make_repo ("blob");
  g_autofree char *empty = tandem_test_make_dir ("blob-unborn");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(TandemGitRepository) unborn = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  write_file (dir, "sub/c.txt", "edited, not committed\n");
  WAIT (tandem_git_repository_read_head_blob_async, repo, "sub/c.txt", NULL);
  bytes = tandem_git_repository_read_head_blob_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "charlie\n", 8);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&result);

  WAIT (tandem_git_repository_read_head_blob_async, repo, "missing.txt", NULL);
  bytes = tandem_git_repository_read_head_blob_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_null (bytes);
  g_clear_object (&result);

  git (empty, "init -q");
  unborn = open_repo (empty);
  WAIT (tandem_git_repository_read_head_blob_async, unborn, "a.txt", NULL);
  bytes = tandem_git_repository_read_head_blob_finish (unborn, result, &error);
  g_assert_no_error (error);
  g_assert_null (bytes);
}

static void
status_changed_cb (TandemGitRepository *repo,
                   TandemGitStatus     *status,
                   gpointer             user_data)
{
  guint *count = user_data;

  g_assert_true (TANDEM_IS_GIT_STATUS (status));
  g_assert_true (tandem_git_repository_get_status (repo) == status);
  (*count)++;
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *)data > 0;
}

static void
test_refresh_merging (void)
{
  g_autofree char *dir = make_repo ("refresh");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  TandemGitStatus *status;
  GListModel *untracked;
  guint count = 0;

  g_signal_connect (repo, "status-changed", G_CALLBACK (status_changed_cb), &count);

  /* Ten requests in a burst, each after a new file: one refresh sees all of them. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.txt", i);

      write_file (dir, name, "new\n");
      tandem_git_repository_queue_refresh (repo);
    }
  g_assert_true (tandem_test_wait_until (count_reached, &count, TIMEOUT_MS));
  tandem_test_spin (800);
  g_assert_cmpuint (_tandem_git_repository_get_n_refreshes (repo), ==, 1);
  g_assert_cmpuint (count, ==, 1);
  status = tandem_git_repository_get_status (repo);
  untracked = tandem_git_status_get_files (status, TANDEM_GIT_SECTION_UNTRACKED);
  g_assert_cmpuint (g_list_model_get_n_items (untracked), ==, 10);

  /* Nothing changed: another refresh emits nothing. */
  tandem_git_repository_queue_refresh (repo);
  tandem_test_spin (1000);
  g_assert_cmpuint (_tandem_git_repository_get_n_refreshes (repo), ==, 2);
  g_assert_cmpuint (count, ==, 1);

  /* Our own operations refresh by themselves. */
  index_action_ok (repo, TANDEM_GIT_INDEX_STAGE, "new-0.txt");
  count = 0;
  g_assert_true (tandem_test_wait_until (count_reached, &count, TIMEOUT_MS));
  status = tandem_git_repository_get_status (repo);
  assert_section (status, TANDEM_GIT_SECTION_STAGED, "A:new-0.txt");
}

static void
test_monitor (void)
{
  g_autofree char *dir = make_repo ("monitor");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autofree char *head = NULL;
  TandemGitStatus *status;
  guint count = 0;

  g_signal_connect (repo, "status-changed", G_CALLBACK (status_changed_cb), &count);
  write_file (dir, "a.txt", "changed\n");
  tandem_git_repository_queue_refresh (repo);
  g_assert_true (tandem_test_wait_until (count_reached, &count, TIMEOUT_MS));
  status = tandem_git_repository_get_status (repo);
  assert_section (status, TANDEM_GIT_SECTION_CHANGES, "M:a.txt");
  tandem_test_spin (500);

  /* A commit typed in a terminal: noticed through .git alone. */
  count = 0;
  git (dir, "commit -q -am terminal");
  head = git_output (dir, "rev-parse --short=7 HEAD");
  g_assert_true (tandem_test_wait_until (count_reached, &count, TIMEOUT_MS));
  status = tandem_git_repository_get_status (repo);
  g_assert_cmpuint (tandem_git_status_get_n_changes (status), ==, 0);
  g_assert_cmpstr (tandem_git_status_get_head_short_id (status), ==, g_strstrip (head));

  /* And a branch switch. */
  count = 0;
  git (dir, "checkout -q -b other");
  g_assert_true (tandem_test_wait_until (count_reached, &count, TIMEOUT_MS));
  g_assert_cmpstr (tandem_git_status_get_branch (tandem_git_repository_get_status (repo)), ==,
                   "other");
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_repo ("cancel");
  g_autoptr(TandemGitRepository) repo = open_repo (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemGitStatus) status = NULL;
  const char *paths[] = { "a.txt", NULL };
  g_autofree char *cached = NULL;

  g_cancellable_cancel (cancellable);
  tandem_git_repository_status_async (repo, cancellable, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, TIMEOUT_MS);
  status = tandem_git_repository_status_finish (repo, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (status);
  g_clear_error (&error);

  write_file (dir, "a.txt", "changed\n");
  tandem_git_repository_index_async (repo, TANDEM_GIT_INDEX_STAGE, paths, cancellable,
                                     tandem_test_store_result_cb, &result2);
  tandem_test_wait_result (&result2, TIMEOUT_MS);
  g_assert_false (tandem_git_repository_index_finish (repo, result2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cached = git_output (dir, "diff --cached --name-only");
  g_assert_cmpstr (cached, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  /* The CLI commits of the tests set their identity with -c; libgit2 must find none. */
  g_setenv ("GIT_CONFIG_NOSYSTEM", "1", TRUE);

  g_test_add_func ("/git/repository/open", test_open);
  g_test_add_func ("/git/repository/status-sections", test_status_sections);
  g_test_add_func ("/git/repository/status-large", test_status_large);
  g_test_add_func ("/git/repository/status-cached-tree", test_status_cached_tree);
  g_test_add_func ("/git/repository/status-unborn-detached", test_status_unborn_detached);
  g_test_add_func ("/git/repository/upstream", test_upstream);
  g_test_add_func ("/git/repository/stage-unstage-discard", test_stage_unstage_discard);
  g_test_add_func ("/git/repository/stage-all", test_stage_all);
  g_test_add_func ("/git/repository/hunks", test_hunks);
  g_test_add_func ("/git/repository/diff-details", test_diff_details);
  g_test_add_func ("/git/repository/commit", test_commit);
  g_test_add_func ("/git/repository/merge-commit", test_merge_commit);
  g_test_add_func ("/git/repository/conflicts", test_conflicts);
  g_test_add_func ("/git/repository/branches", test_branches);
  g_test_add_func ("/git/repository/history", test_history);
  g_test_add_func ("/git/repository/history-same-second", test_history_same_second);
  g_test_add_func ("/git/repository/rename-diff", test_rename_diff);
  g_test_add_func ("/git/repository/commit-diff", test_commit_diff);
  g_test_add_func ("/git/repository/read-head-blob", test_read_head_blob);
  g_test_add_func ("/git/repository/refresh-merging", test_refresh_merging);
  g_test_add_func ("/git/repository/monitor", test_monitor);
  g_test_add_func ("/git/repository/cancel", test_cancel);

  return g_test_run ();
}
