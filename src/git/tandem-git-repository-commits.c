/* tandem-git-repository-commits.c
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

/* Committing */

static int
add_merge_head_cb (const git_oid *oid,
                   void          *payload)
{
  GArray *parents = payload;

  g_array_append_vals (parents, oid, 1);
  return 0;
}

/* Reads the name and email commits are made with; @missing_message says what to do when
 * git does not know them. */
gboolean
_tandem_git_default_signature (git_repository  *repo,
                               const char      *missing_message,
                               git_signature  **signature,
                               GError         **error)
{
  int rc = git_signature_default (signature, repo);

  g_assert (missing_message != NULL);

  if (rc == GIT_ENOTFOUND)
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_IDENTITY_MISSING,
                           missing_message);
      return FALSE;
    }
  return _tandem_git_check (rc, _("Could not read your name and email"), error);
}

/* Commits @tree on HEAD with these parents; with @end_merge, also ends the merge in
 * progress. Returns a libgit2 error code. */
int
_tandem_git_create_commit (git_repository      *repo,
                           const git_signature *signature,
                           const char          *message,
                           git_tree            *tree,
                           GArray              *parent_ids,
                           gboolean             end_merge,
                           git_oid             *commit_id)
{
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func ((GDestroyNotify)git_commit_free);
  int rc;

  for (guint i = 0; i < parent_ids->len; i++)
    {
      git_commit *parent = NULL;

      if ((rc = git_commit_lookup (&parent, repo, &g_array_index (parent_ids, git_oid, i))) < 0)
        return rc;
      g_ptr_array_add (parents, parent);
    }

  if ((rc = git_commit_create (commit_id, repo, "HEAD", signature, signature, NULL, message,
                               tree, parents->len, (const git_commit **)parents->pdata)) < 0)
    return rc;

  return end_merge ? git_repository_state_cleanup (repo) : 0;
}

static gpointer
commit_op (TandemGitRepository  *self,
           git_repository       *repo,
           TandemGitOp          *op,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(GArray) parent_ids = g_array_new (FALSE, FALSE, sizeof (git_oid));
  g_autofree char *message = NULL;
  git_signature *signature = NULL;
  git_index *index = NULL;
  git_commit *head = NULL;
  git_tree *tree = NULL;
  git_oid tree_id;
  git_oid commit_id;
  gboolean merging;
  char *result = NULL;
  int rc = 0;

  message = g_strstrip (g_strdup (op->text));
  if (message[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_EMPTY_MESSAGE,
                           _("Write a message that says what the commit changes."));
      return NULL;
    }
  {
    char *with_newline = g_strconcat (message, "\n", NULL);

    g_free (message);
    message = with_newline;
  }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_tandem_git_default_signature (repo, _("Git does not know your name and email yet. "
                                              "Set them, then commit again."),
                                      &signature, error) ||
      !_tandem_git_lookup_head_commit (repo, &head, error))
    goto out;

  if ((rc = git_repository_index (&index, repo)) < 0)
    goto failed;

  if (git_index_has_conflicts (index))
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_CONFLICTS,
                           _("Some files still have conflicts. Resolve them, then commit."));
      goto out;
    }

  if ((rc = git_index_write_tree (&tree_id, index)) < 0 ||
      (rc = git_tree_lookup (&tree, repo, &tree_id)) < 0)
    goto failed;

  merging = git_repository_state (repo) == GIT_REPOSITORY_STATE_MERGE;

  if (op->flag)
    {
      if (head == NULL)
        {
          g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                               _("There is no commit to amend yet. Commit without amending."));
          goto out;
        }

      /* The author stays; the committer is whoever amends. */
      if ((rc = git_commit_amend (&commit_id, head, "HEAD", NULL, signature, NULL,
                                  message, tree)) < 0)
        goto failed;
    }
  else
    {
      gboolean unchanged = head == NULL ? git_index_entrycount (index) == 0
                                        : git_oid_equal (&tree_id, git_commit_tree_id (head));

      if (unchanged && !merging)
        {
          g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOTHING_TO_COMMIT,
                               _("Nothing is staged. Stage the changes to commit first."));
          goto out;
        }

      if (head != NULL)
        g_array_append_vals (parent_ids, git_commit_id (head), 1);
      if (merging && (rc = git_repository_mergehead_foreach (repo, add_merge_head_cb,
                                                              parent_ids)) < 0)
        goto failed;

      if ((rc = _tandem_git_create_commit (repo, signature, message, tree, parent_ids, merging,
                                           &commit_id)) < 0)
        goto failed;
    }

  result = g_malloc (GIT_OID_HEXSZ + 1);
  git_oid_tostr (result, GIT_OID_HEXSZ + 1, &commit_id);
  goto out;

failed:
  tandem_git_error_set_from_libgit2 (error, rc, _("Could not commit"));

out:
  git_tree_free (tree);
  git_index_free (index);
  git_commit_free (head);
  git_signature_free (signature);

  return result;
}

void
tandem_git_repository_commit_async (TandemGitRepository *self,
                                    const char          *message,
                                    gboolean             amend,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (message != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (NULL, message, amend, TRUE), commit_op,
                              g_free, tandem_git_repository_commit_async, cancellable, callback,
                              user_data);
}

/**
 * tandem_git_repository_commit_finish:
 *
 * Returns: (transfer full): the new commit's id
 */
char *
tandem_git_repository_commit_finish (TandemGitRepository  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_commit_async, error);
}

static gpointer
head_commit_op (TandemGitRepository  *self,
                git_repository       *repo,
                TandemGitOp          *op,
                GCancellable         *cancellable,
                GError              **error)
{
  git_commit *head = NULL;
  TandemGitCommit *commit;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_tandem_git_lookup_head_commit (repo, &head, error))
    return NULL;
  if (head == NULL)
    return NULL;

  commit = _tandem_git_commit_new_from_libgit2 (head);
  git_commit_free (head);

  return commit;
}

void
tandem_git_repository_head_commit_async (TandemGitRepository *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  _tandem_git_repository_run (self, _tandem_git_op_new (NULL, NULL, FALSE, FALSE), head_commit_op,
                              g_object_unref, tandem_git_repository_head_commit_async, cancellable,
                              callback, user_data);
}

/**
 * tandem_git_repository_head_commit_finish:
 *
 * Returns: (transfer full) (nullable): HEAD's commit
 */
TandemGitCommit *
tandem_git_repository_head_commit_finish (TandemGitRepository  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_head_commit_async,
                                           error);
}

/* Identity */

typedef struct
{
  char *name;
  char *email;
} Identity;

static void
identity_free (gpointer data)
{
  Identity *identity = data;

  g_free (identity->name);
  g_free (identity->email);
  g_free (identity);
}

static char *
dup_config_string (git_config *config,
                   const char *key)
{
  git_buf buf = GIT_BUF_INIT;
  char *value = NULL;

  if (git_config_get_string_buf (&buf, config, key) == 0 && buf.ptr != NULL && buf.ptr[0] != '\0')
    value = g_utf8_make_valid (buf.ptr, -1);
  git_buf_dispose (&buf);

  return value;
}

static gpointer
get_identity_op (TandemGitRepository  *self,
                 git_repository       *repo,
                 TandemGitOp          *op,
                 GCancellable         *cancellable,
                 GError              **error)
{
  git_config *config = NULL;
  Identity *identity;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = git_repository_config_snapshot (&config, repo)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the git configuration"));
      return NULL;
    }

  identity = g_new0 (Identity, 1);
  identity->name = dup_config_string (config, "user.name");
  identity->email = dup_config_string (config, "user.email");
  git_config_free (config);

  return identity;
}

void
tandem_git_repository_get_identity_async (TandemGitRepository *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  _tandem_git_repository_run (self, _tandem_git_op_new (NULL, NULL, FALSE, FALSE), get_identity_op,
                              identity_free, tandem_git_repository_get_identity_async, cancellable,
                              callback, user_data);
}

gboolean
tandem_git_repository_get_identity_finish (TandemGitRepository  *self,
                                           GAsyncResult         *result,
                                           char                **name,
                                           char                **email,
                                           GError              **error)
{
  Identity *identity;

  identity = _tandem_git_repository_propagate (self, result,
                                               tandem_git_repository_get_identity_async, error);
  if (identity == NULL)
    return FALSE;

  if (name != NULL)
    *name = g_steal_pointer (&identity->name);
  if (email != NULL)
    *email = g_steal_pointer (&identity->email);
  identity_free (identity);

  return TRUE;
}

/* The file "git config --global" writes to. */
static char *
global_config_path (void)
{
  g_autofree char *xdg = g_build_filename (g_get_user_config_dir (), "git", "config", NULL);

  if (g_file_test (xdg, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&xdg);

  return g_build_filename (g_get_home_dir (), ".gitconfig", NULL);
}

static gpointer
set_identity_op (TandemGitRepository  *self,
                 git_repository       *repo,
                 TandemGitOp          *op,
                 GCancellable         *cancellable,
                 GError              **error)
{
  git_config *config = NULL;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (op->flag)
    {
      g_autofree char *path = global_config_path ();

      rc = git_config_open_ondisk (&config, path);
    }
  else
    {
      git_config *all = NULL;

      if ((rc = git_repository_config (&all, repo)) == 0)
        rc = git_config_open_level (&config, all, GIT_CONFIG_LEVEL_LOCAL);
      git_config_free (all);
    }

  if (rc == 0)
    rc = git_config_set_string (config, "user.name", op->text);
  if (rc == 0)
    rc = git_config_set_string (config, "user.email", op->text2);
  git_config_free (config);

  if (!_tandem_git_check (rc, _("Could not save your name and email"), error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
tandem_git_repository_set_identity_async (TandemGitRepository *self,
                                          const char          *name,
                                          const char          *email,
                                          gboolean             global,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  TandemGitOp *op;

  g_return_if_fail (name != NULL);
  g_return_if_fail (email != NULL);

  op = _tandem_git_op_new (NULL, NULL, global, FALSE);
  op->text = g_strstrip (g_strdup (name));
  op->text2 = g_strstrip (g_strdup (email));

  _tandem_git_repository_run (self, op, set_identity_op, NULL,
                              tandem_git_repository_set_identity_async, cancellable, callback,
                              user_data);
}

gboolean
tandem_git_repository_set_identity_finish (TandemGitRepository  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result,
                                                   tandem_git_repository_set_identity_async, error);
}

/* Branches */

static int
compare_branches (gconstpointer a,
                  gconstpointer b)
{
  TandemGitBranch *ba = *(TandemGitBranch * const *)a;
  TandemGitBranch *bb = *(TandemGitBranch * const *)b;

  if (tandem_git_branch_get_is_remote (ba) != tandem_git_branch_get_is_remote (bb))
    return tandem_git_branch_get_is_remote (ba) ? 1 : -1;

  return strcmp (tandem_git_branch_get_name (ba), tandem_git_branch_get_name (bb));
}

static TandemGitBranch *
branch_from_reference (git_reference *ref,
                       git_branch_t   type)
{
  g_autofree char *upstream_name = NULL;
  g_autofree char *short_id = NULL;
  git_reference *resolved = NULL;
  const char *name = NULL;

  if (git_branch_name (&name, ref) < 0 || name == NULL)
    return NULL;

  if (git_reference_resolve (&resolved, ref) == 0)
    {
      short_id = _tandem_git_dup_short_id (git_reference_target (resolved));
      git_reference_free (resolved);
    }

  if (type == GIT_BRANCH_LOCAL)
    {
      git_reference *upstream = NULL;
      const char *upstream_short = NULL;

      if (git_branch_upstream (&upstream, ref) == 0 &&
          git_branch_name (&upstream_short, upstream) == 0)
        upstream_name = g_strdup (upstream_short);
      git_reference_free (upstream);
    }

  return _tandem_git_branch_new (name, type == GIT_BRANCH_REMOTE,
                                 type == GIT_BRANCH_LOCAL && git_branch_is_head (ref) == 1,
                                 upstream_name, short_id);
}

static gpointer
list_branches_op (TandemGitRepository  *self,
                  git_repository       *repo,
                  TandemGitOp          *op,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GPtrArray) branches = g_ptr_array_new_with_free_func (g_object_unref);
  git_branch_iterator *iter = NULL;
  git_reference *ref = NULL;
  git_branch_t type;
  GListStore *store;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = git_branch_iterator_new (&iter, repo, GIT_BRANCH_ALL)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not list the branches"));
      return NULL;
    }

  while (git_branch_next (&ref, &type, iter) == 0)
    {
      /* "origin/HEAD" only points at another remote branch. */
      if (git_reference_type (ref) == GIT_REFERENCE_DIRECT)
        {
          TandemGitBranch *branch = branch_from_reference (ref, type);

          if (branch != NULL)
            g_ptr_array_add (branches, branch);
        }
      git_reference_free (ref);
    }
  git_branch_iterator_free (iter);

  g_ptr_array_sort (branches, compare_branches);
  store = g_list_store_new (TANDEM_TYPE_GIT_BRANCH);
  g_list_store_splice (store, 0, 0, branches->pdata, branches->len);

  return store;
}

void
tandem_git_repository_list_branches_async (TandemGitRepository *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  _tandem_git_repository_run (self, _tandem_git_op_new (NULL, NULL, FALSE, FALSE), list_branches_op,
                              g_object_unref, tandem_git_repository_list_branches_async,
                              cancellable, callback, user_data);
}

/**
 * tandem_git_repository_list_branches_finish:
 *
 * Returns: (transfer full): a #GListModel of #TandemGitBranch
 */
GListModel *
tandem_git_repository_list_branches_finish (TandemGitRepository  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_list_branches_async,
                                           error);
}

static int
collect_conflict_cb (git_checkout_notify_t  why,
                     const char            *path,
                     const git_diff_file   *baseline,
                     const git_diff_file   *target,
                     const git_diff_file   *workdir,
                     void                  *payload)
{
  GPtrArray *paths = payload;

  g_assert (paths != NULL);

  if (path != NULL)
    g_ptr_array_add (paths, g_strdup (path));

  return 0;
}

void
_tandem_git_checkout_collect_conflicts (git_checkout_options *options,
                                        GPtrArray            *paths)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (paths != NULL);

  options->notify_flags |= GIT_CHECKOUT_NOTIFY_CONFLICT;
  options->notify_cb = collect_conflict_cb;
  options->notify_payload = paths;
}

void
_tandem_git_set_would_overwrite (GError    **error,
                                 GPtrArray  *paths)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const guint max_names = 10;

  g_return_if_fail (paths != NULL);

  for (guint i = 0; i < paths->len && i < max_names; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_ptr_array_index (paths, i));
    }
  if (paths->len > max_names)
    g_string_append (names, ", …");

  if (paths->len == 0)
    g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_WOULD_OVERWRITE,
                         _("Your local changes would be overwritten. "
                           "Commit or discard them first."));
  else
    g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_WOULD_OVERWRITE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Your local changes to %s would be overwritten. "
                              "Commit or discard them first.",
                              "Your local changes to these files would be overwritten: %s. "
                              "Commit or discard them first.",
                              paths->len),
                 names->str);
}

/* Makes the work tree and index those of @commit, failing when local changes would be
 * lost. */
static gboolean
safe_checkout (git_repository  *repo,
               git_commit      *commit,
               GError         **error)
{
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  git_tree *tree = NULL;
  int rc;

  options.checkout_strategy = GIT_CHECKOUT_SAFE;
  _tandem_git_checkout_collect_conflicts (&options, conflicts);

  if ((rc = git_commit_tree (&tree, commit)) == 0)
    rc = git_checkout_tree (repo, (git_object *)tree, &options);
  git_tree_free (tree);

  if (rc == GIT_ECONFLICT || (rc < 0 && conflicts->len > 0))
    {
      _tandem_git_set_would_overwrite (error, conflicts);
      return FALSE;
    }
  return _tandem_git_check (rc, _("Could not switch branches"), error);
}

static gboolean
check_branch_name (const char  *name,
                   GError     **error)
{
  int valid = 0;

  if (git_branch_name_is_valid (&valid, name) < 0 || !valid)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_INVALID_NAME,
                   _("“%s” cannot be a branch name. "
                     "Use letters, digits, “-”, “_” and “/”."),
                   name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_head_to_branch (git_repository  *repo,
                    git_reference   *branch,
                    GError         **error)
{
  int rc = git_repository_set_head (repo, git_reference_name (branch));

  return _tandem_git_check (rc, _("Could not switch branches"), error);
}

static gpointer
create_branch_op (TandemGitRepository  *self,
                  git_repository       *repo,
                  TandemGitOp          *op,
                  GCancellable         *cancellable,
                  GError              **error)
{
  git_commit *head = NULL;
  git_reference *branch = NULL;
  gboolean ok = FALSE;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !check_branch_name (op->path, error) ||
      !_tandem_git_lookup_head_commit (repo, &head, error))
    return NULL;

  if (head == NULL)
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                           _("Make a first commit before creating a branch."));
      return NULL;
    }

  rc = git_branch_create (&branch, repo, op->path, head, 0);
  if (rc == GIT_EEXISTS)
    g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_EXISTS,
                 _("A branch named “%s” already exists. Choose another name."), op->path);
  else if (rc < 0)
    tandem_git_error_set_from_libgit2 (error, rc, _("Could not create the branch"));
  /* The new branch points at HEAD: switching changes no file. */
  else if (!op->flag || set_head_to_branch (repo, branch, error))
    ok = TRUE;

  git_reference_free (branch);
  git_commit_free (head);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

void
tandem_git_repository_create_branch_async (TandemGitRepository *self,
                                           const char          *name,
                                           gboolean             checkout,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (name, NULL, checkout, TRUE),
                              create_branch_op, NULL, tandem_git_repository_create_branch_async,
                              cancellable, callback, user_data);
}

gboolean
tandem_git_repository_create_branch_finish (TandemGitRepository  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result,
                                                   tandem_git_repository_create_branch_async,
                                                   error);
}

static gpointer
switch_branch_op (TandemGitRepository  *self,
                  git_repository       *repo,
                  TandemGitOp          *op,
                  GCancellable         *cancellable,
                  GError              **error)
{
  git_reference *local = NULL;
  git_reference *remote = NULL;
  git_commit *target = NULL;
  g_autofree char *local_name = NULL;
  gboolean ok = FALSE;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  local_name = g_strdup (op->path);
  if (git_branch_lookup (&local, repo, op->path, GIT_BRANCH_LOCAL) < 0 &&
      git_branch_lookup (&remote, repo, op->path, GIT_BRANCH_REMOTE) == 0)
    {
      git_buf remote_name = GIT_BUF_INIT;

      /* "origin/feature" → "feature", tracking it. */
      if (git_branch_remote_name (&remote_name, repo, git_reference_name (remote)) == 0 &&
          g_str_has_prefix (op->path, remote_name.ptr) &&
          op->path[strlen (remote_name.ptr)] == '/')
        {
          g_free (local_name);
          local_name = g_strdup (op->path + strlen (remote_name.ptr) + 1);
        }
      git_buf_dispose (&remote_name);

      git_branch_lookup (&local, repo, local_name, GIT_BRANCH_LOCAL);
    }

  if (local == NULL && remote == NULL)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("There is no branch named “%s”."), op->path);
      goto out;
    }

  if ((rc = git_reference_peel ((git_object **)&target, local != NULL ? local : remote,
                                GIT_OBJECT_COMMIT)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not switch branches"));
      goto out;
    }

  if (!safe_checkout (repo, target, error))
    goto out;

  if (local == NULL)
    {
      if ((rc = git_branch_create (&local, repo, local_name, target, 0)) < 0 ||
          (rc = git_branch_set_upstream (local, op->path)) < 0)
        {
          tandem_git_error_set_from_libgit2 (error, rc, _("Could not create the branch"));
          goto out;
        }
    }

  ok = set_head_to_branch (repo, local, error);

out:
  git_commit_free (target);
  git_reference_free (remote);
  git_reference_free (local);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

void
tandem_git_repository_switch_branch_async (TandemGitRepository *self,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (name, NULL, FALSE, TRUE), switch_branch_op,
                              NULL, tandem_git_repository_switch_branch_async, cancellable,
                              callback, user_data);
}

gboolean
tandem_git_repository_switch_branch_finish (TandemGitRepository  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result,
                                                   tandem_git_repository_switch_branch_async,
                                                   error);
}

/* TRUE when @oid is @base or one of its ancestors. */
static gboolean
contained_in (git_repository *repo,
              const git_oid  *oid,
              const git_oid  *base)
{
  return base != NULL &&
         (git_oid_equal (oid, base) || git_graph_descendant_of (repo, base, oid) == 1);
}

static gpointer
delete_branch_op (TandemGitRepository  *self,
                  git_repository       *repo,
                  TandemGitOp          *op,
                  GCancellable         *cancellable,
                  GError              **error)
{
  git_reference *branch = NULL;
  git_reference *upstream = NULL;
  git_commit *head = NULL;
  gboolean ok = FALSE;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (git_branch_lookup (&branch, repo, op->path, GIT_BRANCH_LOCAL) < 0)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("There is no branch named “%s”."), op->path);
      return NULL;
    }

  if (git_branch_is_head (branch) == 1)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("“%s” is the current branch. Switch to another branch to delete it."),
                   op->path);
      goto out;
    }

  if (!op->flag)
    {
      const git_oid *oid = git_reference_target (branch);

      if (!_tandem_git_lookup_head_commit (repo, &head, error))
        goto out;
      git_branch_upstream (&upstream, branch);

      if (oid != NULL &&
          !contained_in (repo, oid, head != NULL ? git_commit_id (head) : NULL) &&
          !contained_in (repo, oid, upstream != NULL ? git_reference_target (upstream) : NULL))
        {
          g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_UNMERGED,
                       _("“%s” has commits that are not merged. "
                         "Delete it anyway to lose them."),
                       op->path);
          goto out;
        }
    }

  if ((rc = git_branch_delete (branch)) < 0)
    tandem_git_error_set_from_libgit2 (error, rc, _("Could not delete the branch"));
  else
    ok = TRUE;

out:
  git_commit_free (head);
  git_reference_free (upstream);
  git_reference_free (branch);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

void
tandem_git_repository_delete_branch_async (TandemGitRepository *self,
                                           const char          *name,
                                           gboolean             force,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (name, NULL, force, TRUE), delete_branch_op,
                              NULL, tandem_git_repository_delete_branch_async, cancellable,
                              callback, user_data);
}

gboolean
tandem_git_repository_delete_branch_finish (TandemGitRepository  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return _tandem_git_repository_propagate_boolean (self, result,
                                                   tandem_git_repository_delete_branch_async,
                                                   error);
}

/* History */

static gpointer
history_op (TandemGitRepository  *self,
            git_repository       *repo,
            TandemGitOp          *op,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(GPtrArray) commits = g_ptr_array_new_with_free_func (g_object_unref);
  git_revwalk *walk = NULL;
  git_oid oid;
  guint seen = 0;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = git_revwalk_new (&walk, repo)) < 0)
    goto failed;

  /* Topological first: commits made in the same second keep parents after children. */
  git_revwalk_sorting (walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_revwalk_simplify_first_parent (walk);

  if (git_repository_head_unborn (repo) == 1)
    {
      git_revwalk_free (walk);
      return g_steal_pointer (&commits);
    }
  if ((rc = git_revwalk_push_head (walk)) < 0)
    goto failed;

  while (commits->len < op->count && (rc = git_revwalk_next (&oid, walk)) == 0)
    {
      git_commit *commit = NULL;

      if (seen++ < op->skip)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          git_revwalk_free (walk);
          return NULL;
        }
      if ((rc = git_commit_lookup (&commit, repo, &oid)) < 0)
        goto failed;
      g_ptr_array_add (commits, _tandem_git_commit_new_from_libgit2 (commit));
      git_commit_free (commit);
    }

  if (rc < 0 && rc != GIT_ITEROVER)
    goto failed;

  git_revwalk_free (walk);
  return g_steal_pointer (&commits);

failed:
  tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the history"));
  git_revwalk_free (walk);
  return NULL;
}

void
tandem_git_repository_history_async (TandemGitRepository *self,
                                     guint                skip,
                                     guint                count,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TandemGitOp *op;


  op = _tandem_git_op_new (NULL, NULL, FALSE, FALSE);
  op->skip = skip;
  op->count = count;

  _tandem_git_repository_run (self, op, history_op, (GDestroyNotify)g_ptr_array_unref,
                              tandem_git_repository_history_async, cancellable, callback,
                              user_data);
}

/**
 * tandem_git_repository_history_finish:
 *
 * Returns: (transfer container) (element-type TandemGitCommit): the commits
 */
GPtrArray *
tandem_git_repository_history_finish (TandemGitRepository  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_history_async,
                                           error);
}

static gpointer
commit_diff_op (TandemGitRepository  *self,
                git_repository       *repo,
                TandemGitOp          *op,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  git_object *object = NULL;
  git_commit *commit = NULL;
  git_commit *parent = NULL;
  git_tree *tree = NULL;
  git_tree *parent_tree = NULL;
  git_diff *diff = NULL;
  GPtrArray *ret = NULL;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((rc = git_revparse_single (&object, repo, op->path)) < 0 ||
      (rc = git_object_peel ((git_object **)&commit, object, GIT_OBJECT_COMMIT)) < 0 ||
      (rc = git_commit_tree (&tree, commit)) < 0)
    goto failed;

  /* A root commit is compared with the empty tree. */
  if (git_commit_parentcount (commit) > 0 &&
      ((rc = git_commit_parent (&parent, commit, 0)) < 0 ||
       (rc = git_commit_tree (&parent_tree, parent)) < 0))
    goto failed;

  find.flags = GIT_DIFF_FIND_RENAMES;
  if ((rc = git_diff_tree_to_tree (&diff, repo, parent_tree, tree, NULL)) < 0 ||
      (rc = git_diff_find_similar (diff, &find)) < 0)
    goto failed;

  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      TandemGitFileDiff *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (file = _tandem_git_file_diff_new_from_diff (diff, i, FALSE, error)) == NULL)
        goto out;
      g_ptr_array_add (files, file);
    }

  ret = g_steal_pointer (&files);
  goto out;

failed:
  tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the commit’s changes"));

out:
  git_diff_free (diff);
  git_tree_free (parent_tree);
  git_tree_free (tree);
  git_commit_free (parent);
  git_commit_free (commit);
  git_object_free (object);

  return ret;
}

void
tandem_git_repository_commit_diff_async (TandemGitRepository *self,
                                         const char          *commit_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (commit_id != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (commit_id, NULL, FALSE, FALSE),
                              commit_diff_op, (GDestroyNotify)g_ptr_array_unref,
                              tandem_git_repository_commit_diff_async, cancellable, callback,
                              user_data);
}

/**
 * tandem_git_repository_commit_diff_finish:
 *
 * Returns: (transfer container) (element-type TandemGitFileDiff): the changes
 */
GPtrArray *
tandem_git_repository_commit_diff_finish (TandemGitRepository  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_commit_diff_async,
                                           error);
}

/* The gutter */

static gpointer
read_head_blob_op (TandemGitRepository  *self,
                   git_repository       *repo,
                   TandemGitOp          *op,
                   GCancellable         *cancellable,
                   GError              **error)
{
  git_commit *head = NULL;
  git_tree *tree = NULL;
  git_tree_entry *entry = NULL;
  git_blob *blob = NULL;
  GBytes *bytes = NULL;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_tandem_git_lookup_head_commit (repo, &head, error))
    return NULL;
  if (head == NULL)
    return NULL;

  if ((rc = git_commit_tree (&tree, head)) < 0)
    tandem_git_error_set_from_libgit2 (error, rc,
                                       _("Could not read the file from the last commit"));
  else if (git_tree_entry_bypath (&entry, tree, op->path) == 0 &&
           git_tree_entry_type (entry) == GIT_OBJECT_BLOB)
    {
      if ((rc = git_blob_lookup (&blob, repo, git_tree_entry_id (entry))) < 0)
        tandem_git_error_set_from_libgit2 (error, rc,
                                           _("Could not read the file from the last commit"));
      else
        bytes = g_bytes_new (git_blob_rawcontent (blob), git_blob_rawsize (blob));
    }

  git_blob_free (blob);
  git_tree_entry_free (entry);
  git_tree_free (tree);
  git_commit_free (head);

  return bytes;
}

void
tandem_git_repository_read_head_blob_async (TandemGitRepository *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  _tandem_git_repository_run (self, _tandem_git_op_new (path, NULL, FALSE, FALSE),
                              read_head_blob_op, (GDestroyNotify)g_bytes_unref,
                              tandem_git_repository_read_head_blob_async, cancellable, callback,
                              user_data);
}

/**
 * tandem_git_repository_read_head_blob_finish:
 *
 * Returns: (transfer full) (nullable): the content in HEAD
 */
GBytes *
tandem_git_repository_read_head_blob_finish (TandemGitRepository  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return _tandem_git_repository_propagate (self, result, tandem_git_repository_read_head_blob_async,
                                           error);
}
