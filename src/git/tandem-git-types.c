/* tandem-git-types.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-git-error.h"
#include "tandem-git-types-private.h"

/* TandemGitFileStatus */

struct _TandemGitFileStatus
{
  GObject              parent_instance;

  char                *path;
  char                *old_path;
  TandemGitSection     section;
  TandemGitChangeKind  kind;
};

enum {
  FILE_PROP_0,
  FILE_PROP_PATH,
  FILE_PROP_OLD_PATH,
  FILE_PROP_SECTION,
  FILE_PROP_KIND,
  FILE_PROP_BADGE,
  FILE_N_PROPS
};

static GParamSpec *file_properties[FILE_N_PROPS];

G_DEFINE_FINAL_TYPE (TandemGitFileStatus, tandem_git_file_status, G_TYPE_OBJECT)

static void
tandem_git_file_status_finalize (GObject *object)
{
  TandemGitFileStatus *self = (TandemGitFileStatus *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->old_path, g_free);

  G_OBJECT_CLASS (tandem_git_file_status_parent_class)->finalize (object);
}

static void
tandem_git_file_status_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemGitFileStatus *self = TANDEM_GIT_FILE_STATUS (object);

  switch (prop_id)
    {
    case FILE_PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case FILE_PROP_OLD_PATH:
      g_value_set_string (value, self->old_path);
      break;
    case FILE_PROP_SECTION:
      g_value_set_uint (value, self->section);
      break;
    case FILE_PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case FILE_PROP_BADGE:
      g_value_set_string (value, tandem_git_file_status_get_badge (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_file_status_class_init (TandemGitFileStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_git_file_status_finalize;
  object_class->get_property = tandem_git_file_status_get_property;

  file_properties[FILE_PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  file_properties[FILE_PROP_OLD_PATH] =
    g_param_spec_string ("old-path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* TandemGitSection and TandemGitChangeKind values. */
  file_properties[FILE_PROP_SECTION] =
    g_param_spec_uint ("section", NULL, NULL, 0, TANDEM_GIT_N_SECTIONS, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  file_properties[FILE_PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, TANDEM_GIT_CHANGE_CONFLICTED, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  file_properties[FILE_PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, FILE_N_PROPS, file_properties);
}

static void
tandem_git_file_status_init (TandemGitFileStatus *self)
{
}

TandemGitFileStatus *
tandem_git_file_status_new (const char          *path,
                            const char          *old_path,
                            TandemGitSection     section,
                            TandemGitChangeKind  kind)
{
  TandemGitFileStatus *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (section < TANDEM_GIT_N_SECTIONS, NULL);

  self = g_object_new (TANDEM_TYPE_GIT_FILE_STATUS, NULL);
  self->path = g_strdup (path);
  self->old_path = g_strdup (old_path);
  self->section = section;
  self->kind = kind;

  return self;
}

const char *
tandem_git_file_status_get_path (TandemGitFileStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_STATUS (self), NULL);
  return self->path;
}

const char *
tandem_git_file_status_get_old_path (TandemGitFileStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_STATUS (self), NULL);
  return self->old_path;
}

TandemGitSection
tandem_git_file_status_get_section (TandemGitFileStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_STATUS (self), TANDEM_GIT_SECTION_CHANGES);
  return self->section;
}

TandemGitChangeKind
tandem_git_file_status_get_kind (TandemGitFileStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_STATUS (self), TANDEM_GIT_CHANGE_MODIFIED);
  return self->kind;
}

const char *
tandem_git_file_status_get_badge (TandemGitFileStatus *self)
{
  static const char * const badges[] = {
    [TANDEM_GIT_CHANGE_ADDED] = "A",
    [TANDEM_GIT_CHANGE_MODIFIED] = "M",
    [TANDEM_GIT_CHANGE_DELETED] = "D",
    [TANDEM_GIT_CHANGE_RENAMED] = "R",
    [TANDEM_GIT_CHANGE_TYPECHANGE] = "T",
    [TANDEM_GIT_CHANGE_UNTRACKED] = "U",
    [TANDEM_GIT_CHANGE_CONFLICTED] = "!",
  };

  g_return_val_if_fail (TANDEM_IS_GIT_FILE_STATUS (self), NULL);

  if ((guint)self->kind < G_N_ELEMENTS (badges))
    return badges[self->kind];
  return "?";
}

/* TandemGitStatus */

/* g_set_str() is GLib 2.76. */
static void
replace_str (char       **slot,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

struct _TandemGitStatus
{
  GObject             parent_instance;

  char               *branch;
  char               *head_short_id;
  char               *upstream;
  GListStore         *files[TANDEM_GIT_N_SECTIONS];
  GPtrArray          *pending[TANDEM_GIT_N_SECTIONS];

  guint               ahead;
  guint               behind;
  TandemGitRepoState  state;

  guint               detached : 1;
  guint               unborn : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitStatus, tandem_git_status, G_TYPE_OBJECT)

static void
tandem_git_status_finalize (GObject *object)
{
  TandemGitStatus *self = (TandemGitStatus *)object;

  g_clear_pointer (&self->branch, g_free);
  g_clear_pointer (&self->head_short_id, g_free);
  g_clear_pointer (&self->upstream, g_free);
  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      g_clear_object (&self->files[i]);
      g_clear_pointer (&self->pending[i], g_ptr_array_unref);
    }

  G_OBJECT_CLASS (tandem_git_status_parent_class)->finalize (object);
}

static void
tandem_git_status_class_init (TandemGitStatusClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_git_status_finalize;
}

static void
tandem_git_status_init (TandemGitStatus *self)
{
  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      self->files[i] = g_list_store_new (TANDEM_TYPE_GIT_FILE_STATUS);
      self->pending[i] = g_ptr_array_new_with_free_func (g_object_unref);
    }
}

TandemGitStatus *
_tandem_git_status_new (void)
{
  return g_object_new (TANDEM_TYPE_GIT_STATUS, NULL);
}

void
_tandem_git_status_set_head (TandemGitStatus *self,
                             const char      *branch,
                             gboolean         detached,
                             gboolean         unborn,
                             const char      *head_short_id)
{
  g_return_if_fail (TANDEM_IS_GIT_STATUS (self));

  replace_str (&self->branch, branch);
  replace_str (&self->head_short_id, head_short_id);
  self->detached = !!detached;
  self->unborn = !!unborn;
}

void
_tandem_git_status_set_upstream (TandemGitStatus *self,
                                 const char      *upstream,
                                 guint            ahead,
                                 guint            behind)
{
  g_return_if_fail (TANDEM_IS_GIT_STATUS (self));

  replace_str (&self->upstream, upstream);
  self->ahead = ahead;
  self->behind = behind;
}

void
_tandem_git_status_set_state (TandemGitStatus    *self,
                              TandemGitRepoState  state)
{
  g_return_if_fail (TANDEM_IS_GIT_STATUS (self));

  self->state = state;
}

void
_tandem_git_status_take_file (TandemGitStatus     *self,
                              TandemGitFileStatus *file)
{
  g_return_if_fail (TANDEM_IS_GIT_STATUS (self));
  g_return_if_fail (TANDEM_IS_GIT_FILE_STATUS (file));

  g_ptr_array_add (self->pending[file->section], file);
}

static int
compare_file_status (gconstpointer a,
                     gconstpointer b)
{
  const TandemGitFileStatus *fa = *(TandemGitFileStatus * const *)a;
  const TandemGitFileStatus *fb = *(TandemGitFileStatus * const *)b;

  return strcmp (fa->path, fb->path);
}

void
_tandem_git_status_sort (TandemGitStatus *self)
{
  g_return_if_fail (TANDEM_IS_GIT_STATUS (self));

  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      GPtrArray *pending = self->pending[i];

      g_ptr_array_sort (pending, compare_file_status);
      g_list_store_splice (self->files[i], g_list_model_get_n_items (G_LIST_MODEL (self->files[i])),
                           0, pending->pdata, pending->len);
      g_ptr_array_set_size (pending, 0);
    }
}

static gboolean
file_status_equal (TandemGitFileStatus *a,
                   TandemGitFileStatus *b)
{
  return a->kind == b->kind &&
         g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->old_path, b->old_path) == 0;
}

gboolean
_tandem_git_status_equal (TandemGitStatus *a,
                          TandemGitStatus *b)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (a), FALSE);
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (b), FALSE);

  if (g_strcmp0 (a->branch, b->branch) != 0 ||
      g_strcmp0 (a->head_short_id, b->head_short_id) != 0 ||
      g_strcmp0 (a->upstream, b->upstream) != 0 ||
      a->detached != b->detached ||
      a->unborn != b->unborn ||
      a->ahead != b->ahead ||
      a->behind != b->behind ||
      a->state != b->state)
    return FALSE;

  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      GListModel *fa = G_LIST_MODEL (a->files[i]);
      GListModel *fb = G_LIST_MODEL (b->files[i]);
      guint n = g_list_model_get_n_items (fa);

      if (n != g_list_model_get_n_items (fb))
        return FALSE;

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(TandemGitFileStatus) x = g_list_model_get_item (fa, j);
          g_autoptr(TandemGitFileStatus) y = g_list_model_get_item (fb, j);

          if (!file_status_equal (x, y))
            return FALSE;
        }
    }

  return TRUE;
}

const char *
tandem_git_status_get_branch (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), NULL);
  return self->branch;
}

gboolean
tandem_git_status_get_detached (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), FALSE);
  return self->detached;
}

gboolean
tandem_git_status_get_unborn (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), FALSE);
  return self->unborn;
}

const char *
tandem_git_status_get_head_short_id (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), NULL);
  return self->head_short_id;
}

const char *
tandem_git_status_get_upstream (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), NULL);
  return self->upstream;
}

guint
tandem_git_status_get_ahead (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), 0);
  return self->ahead;
}

guint
tandem_git_status_get_behind (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), 0);
  return self->behind;
}

TandemGitRepoState
tandem_git_status_get_state (TandemGitStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), TANDEM_GIT_STATE_NONE);
  return self->state;
}

GListModel *
tandem_git_status_get_files (TandemGitStatus  *self,
                             TandemGitSection  section)
{
  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), NULL);
  g_return_val_if_fail (section < TANDEM_GIT_N_SECTIONS, NULL);
  return G_LIST_MODEL (self->files[section]);
}

guint
tandem_git_status_get_n_changes (TandemGitStatus *self)
{
  guint n = 0;

  g_return_val_if_fail (TANDEM_IS_GIT_STATUS (self), 0);

  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    n += g_list_model_get_n_items (G_LIST_MODEL (self->files[i]));
  return n;
}

/* TandemGitFileDiff */

struct _TandemGitFileDiff
{
  GObject              parent_instance;

  char                *path;
  char                *old_path;
  GPtrArray           *hunks;          /* of TandemGitDiffHunk */

  guint                additions;
  guint                deletions;
  TandemGitChangeKind  kind;

  guint                binary : 1;
  guint                staged : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitFileDiff, tandem_git_file_diff, G_TYPE_OBJECT)

static void
diff_line_clear (gpointer data)
{
  TandemGitDiffLine *line = data;

  g_clear_pointer (&line->content, g_free);
}

static void
diff_hunk_free (gpointer data)
{
  TandemGitDiffHunk *hunk = data;

  g_clear_pointer (&hunk->header, g_free);
  g_clear_pointer (&hunk->lines, g_array_unref);
  g_free (hunk);
}

static void
tandem_git_file_diff_finalize (GObject *object)
{
  TandemGitFileDiff *self = (TandemGitFileDiff *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->old_path, g_free);
  g_clear_pointer (&self->hunks, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_git_file_diff_parent_class)->finalize (object);
}

static void
tandem_git_file_diff_class_init (TandemGitFileDiffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_git_file_diff_finalize;
}

static void
tandem_git_file_diff_init (TandemGitFileDiff *self)
{
  self->hunks = g_ptr_array_new_with_free_func (diff_hunk_free);
}

TandemGitFileDiff *
_tandem_git_file_diff_new (const char          *path,
                           const char          *old_path,
                           TandemGitChangeKind  kind,
                           gboolean             binary,
                           gboolean             staged)
{
  TandemGitFileDiff *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_GIT_FILE_DIFF, NULL);
  self->path = g_strdup (path);
  self->old_path = g_strdup (old_path);
  self->kind = kind;
  self->binary = !!binary;
  self->staged = !!staged;

  return self;
}

static char *
dup_without_newline (const char *text,
                     gsize       len)
{
  if (len > 0 && text[len - 1] == '\n')
    len--;
  if (len > 0 && text[len - 1] == '\r')
    len--;
  return g_utf8_make_valid (text, len);
}

void
_tandem_git_file_diff_add_hunk (TandemGitFileDiff *self,
                                const char        *header,
                                gsize              header_len,
                                int                old_start,
                                int                old_lines,
                                int                new_start,
                                int                new_lines)
{
  TandemGitDiffHunk *hunk;

  g_return_if_fail (TANDEM_IS_GIT_FILE_DIFF (self));
  g_return_if_fail (header != NULL);

  hunk = g_new0 (TandemGitDiffHunk, 1);
  hunk->header = dup_without_newline (header, header_len);
  hunk->old_start = old_start;
  hunk->old_lines = old_lines;
  hunk->new_start = new_start;
  hunk->new_lines = new_lines;
  hunk->lines = g_array_new (FALSE, TRUE, sizeof (TandemGitDiffLine));
  g_array_set_clear_func (hunk->lines, diff_line_clear);
  g_ptr_array_add (self->hunks, hunk);
}

void
_tandem_git_file_diff_add_line (TandemGitFileDiff   *self,
                                TandemGitLineOrigin  origin,
                                int                  old_lineno,
                                int                  new_lineno,
                                const char          *content,
                                gsize                content_len)
{
  TandemGitDiffHunk *hunk;
  TandemGitDiffLine line = { 0 };

  g_return_if_fail (TANDEM_IS_GIT_FILE_DIFF (self));
  g_return_if_fail (self->hunks->len > 0);

  hunk = g_ptr_array_index (self->hunks, self->hunks->len - 1);
  line.origin = origin;
  line.old_lineno = origin == TANDEM_GIT_LINE_ADDED ? -1 : old_lineno;
  line.new_lineno = origin == TANDEM_GIT_LINE_REMOVED ? -1 : new_lineno;
  line.content = dup_without_newline (content != NULL ? content : "", content_len);
  g_array_append_val (hunk->lines, line);

  if (origin == TANDEM_GIT_LINE_ADDED)
    self->additions++;
  else if (origin == TANDEM_GIT_LINE_REMOVED)
    self->deletions++;
}

void
_tandem_git_file_diff_mark_no_newline (TandemGitFileDiff *self)
{
  TandemGitDiffHunk *hunk;

  g_return_if_fail (TANDEM_IS_GIT_FILE_DIFF (self));

  if (self->hunks->len == 0)
    return;

  hunk = g_ptr_array_index (self->hunks, self->hunks->len - 1);
  if (hunk->lines->len > 0)
    g_array_index (hunk->lines, TandemGitDiffLine, hunk->lines->len - 1).no_newline = TRUE;
}

TandemGitChangeKind
_tandem_git_change_kind_from_delta (git_delta_t status)
{
  switch (status)
    {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_COPIED:
      return TANDEM_GIT_CHANGE_ADDED;
    case GIT_DELTA_DELETED:
      return TANDEM_GIT_CHANGE_DELETED;
    case GIT_DELTA_RENAMED:
      return TANDEM_GIT_CHANGE_RENAMED;
    case GIT_DELTA_TYPECHANGE:
      return TANDEM_GIT_CHANGE_TYPECHANGE;
    case GIT_DELTA_UNTRACKED:
      return TANDEM_GIT_CHANGE_UNTRACKED;
    case GIT_DELTA_CONFLICTED:
      return TANDEM_GIT_CHANGE_CONFLICTED;
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_UNMODIFIED:
    case GIT_DELTA_IGNORED:
    case GIT_DELTA_UNREADABLE:
    default:
      return TANDEM_GIT_CHANGE_MODIFIED;
    }
}

TandemGitFileDiff *
_tandem_git_file_diff_new_from_patch (git_patch  *patch,
                                      gboolean    staged,
                                      GError    **error)
{
  g_autoptr(TandemGitFileDiff) self = NULL;
  const git_diff_delta *delta;
  const char *old_path;
  size_t n_hunks;

  g_return_val_if_fail (patch != NULL, NULL);

  delta = git_patch_get_delta (patch);
  old_path = delta->status == GIT_DELTA_RENAMED || delta->status == GIT_DELTA_COPIED
             ? delta->old_file.path : NULL;
  self = _tandem_git_file_diff_new (delta->new_file.path != NULL ? delta->new_file.path
                                                                  : delta->old_file.path,
                                    old_path,
                                    _tandem_git_change_kind_from_delta (delta->status),
                                    (delta->flags & GIT_DIFF_FLAG_BINARY) != 0,
                                    staged);

  if (self->binary)
    return g_steal_pointer (&self);

  n_hunks = git_patch_num_hunks (patch);
  for (size_t h = 0; h < n_hunks; h++)
    {
      const git_diff_hunk *hunk;
      size_t n_lines;
      int rc;

      if ((rc = git_patch_get_hunk (&hunk, &n_lines, patch, h)) < 0)
        {
          tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the changes"));
          return NULL;
        }

      _tandem_git_file_diff_add_hunk (self, hunk->header, hunk->header_len,
                                      hunk->old_start, hunk->old_lines,
                                      hunk->new_start, hunk->new_lines);

      for (size_t l = 0; l < n_lines; l++)
        {
          const git_diff_line *line;

          if ((rc = git_patch_get_line_in_hunk (&line, patch, h, l)) < 0)
            {
              tandem_git_error_set_from_libgit2 (error, rc, _("Could not read the changes"));
              return NULL;
            }

          switch (line->origin)
            {
            case GIT_DIFF_LINE_CONTEXT:
            case GIT_DIFF_LINE_ADDITION:
            case GIT_DIFF_LINE_DELETION:
              _tandem_git_file_diff_add_line (self, (TandemGitLineOrigin)line->origin,
                                              line->old_lineno, line->new_lineno,
                                              line->content, line->content_len);
              break;
            case GIT_DIFF_LINE_CONTEXT_EOFNL:
            case GIT_DIFF_LINE_ADD_EOFNL:
            case GIT_DIFF_LINE_DEL_EOFNL:
              _tandem_git_file_diff_mark_no_newline (self);
              break;
            default:
              break;
            }
        }
    }

  return g_steal_pointer (&self);
}

/* The diff of the delta at @index: without lines where libgit2 gives no patch (binary,
 * unreadable or conflicted files). */
TandemGitFileDiff *
_tandem_git_file_diff_new_from_diff (git_diff  *diff,
                                     size_t     index,
                                     gboolean   staged,
                                     GError   **error)
{
  const git_diff_delta *delta;
  TandemGitFileDiff *file_diff;
  git_patch *patch = NULL;
  int rc;

  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (index < git_diff_num_deltas (diff), NULL);

  if ((rc = git_patch_from_diff (&patch, diff, index)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not compute the changes"));
      return NULL;
    }
  if (patch != NULL)
    {
      file_diff = _tandem_git_file_diff_new_from_patch (patch, staged, error);
      git_patch_free (patch);
      return file_diff;
    }

  delta = git_diff_get_delta (diff, index);
  return _tandem_git_file_diff_new (delta->new_file.path, NULL,
                                    _tandem_git_change_kind_from_delta (delta->status),
                                    (delta->flags & GIT_DIFF_FLAG_BINARY) != 0, staged);
}

const char *
tandem_git_file_diff_get_path (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), NULL);
  return self->path;
}

const char *
tandem_git_file_diff_get_old_path (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), NULL);
  return self->old_path;
}

TandemGitChangeKind
tandem_git_file_diff_get_kind (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), TANDEM_GIT_CHANGE_MODIFIED);
  return self->kind;
}

gboolean
tandem_git_file_diff_get_binary (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), FALSE);
  return self->binary;
}

gboolean
tandem_git_file_diff_get_staged (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), FALSE);
  return self->staged;
}

guint
tandem_git_file_diff_get_n_hunks (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), 0);
  return self->hunks->len;
}

const TandemGitDiffHunk *
tandem_git_file_diff_get_hunk (TandemGitFileDiff *self,
                               guint              index)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), NULL);
  g_return_val_if_fail (index < self->hunks->len, NULL);
  return g_ptr_array_index (self->hunks, index);
}

guint
tandem_git_file_diff_get_additions (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), 0);
  return self->additions;
}

guint
tandem_git_file_diff_get_deletions (TandemGitFileDiff *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_FILE_DIFF (self), 0);
  return self->deletions;
}

/* TandemGitCommit */

struct _TandemGitCommit
{
  GObject    parent_instance;

  char      *id;
  char      *short_id;
  char      *summary;
  char      *message;
  char      *author_name;
  char      *author_email;
  GDateTime *time;

  guint      n_parents;
};

enum {
  COMMIT_PROP_0,
  COMMIT_PROP_ID,
  COMMIT_PROP_SHORT_ID,
  COMMIT_PROP_SUMMARY,
  COMMIT_PROP_AUTHOR_NAME,
  COMMIT_PROP_TIME,
  COMMIT_N_PROPS
};

static GParamSpec *commit_properties[COMMIT_N_PROPS];

G_DEFINE_FINAL_TYPE (TandemGitCommit, tandem_git_commit, G_TYPE_OBJECT)

static void
tandem_git_commit_finalize (GObject *object)
{
  TandemGitCommit *self = (TandemGitCommit *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->short_id, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->author_email, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (tandem_git_commit_parent_class)->finalize (object);
}

static void
tandem_git_commit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemGitCommit *self = TANDEM_GIT_COMMIT (object);

  switch (prop_id)
    {
    case COMMIT_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case COMMIT_PROP_SHORT_ID:
      g_value_set_string (value, self->short_id);
      break;
    case COMMIT_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case COMMIT_PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;
    case COMMIT_PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_commit_class_init (TandemGitCommitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_git_commit_finalize;
  object_class->get_property = tandem_git_commit_get_property;

  commit_properties[COMMIT_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commit_properties[COMMIT_PROP_SHORT_ID] =
    g_param_spec_string ("short-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commit_properties[COMMIT_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commit_properties[COMMIT_PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commit_properties[COMMIT_PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, COMMIT_N_PROPS, commit_properties);
}

static void
tandem_git_commit_init (TandemGitCommit *self)
{
}

static char *
dup_oid (const git_oid *oid,
         gsize          len)
{
  char buf[GIT_OID_HEXSZ + 1];

  git_oid_tostr (buf, MIN (len, GIT_OID_HEXSZ) + 1, oid);
  return g_strdup (buf);
}

TandemGitCommit *
_tandem_git_commit_new_from_libgit2 (const git_commit *commit)
{
  TandemGitCommit *self;
  const git_signature *author;
  const char *message;
  const char *end;

  g_return_val_if_fail (commit != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_GIT_COMMIT, NULL);
  self->id = dup_oid (git_commit_id (commit), GIT_OID_HEXSZ);
  self->short_id = dup_oid (git_commit_id (commit), 7);

  message = git_commit_message (commit);
  if (message == NULL)
    message = "";
  self->message = g_utf8_make_valid (message, -1);
  g_strchomp (self->message);

  /* The summary is the first paragraph on one line, as git shows it. */
  while (*message == '\n' || *message == '\r' || *message == ' ')
    message++;
  end = strstr (message, "\n\n");
  {
    g_autofree char *first = g_utf8_make_valid (message, end != NULL ? end - message : -1);
    g_auto(GStrv) lines = g_strsplit (g_strstrip (first), "\n", -1);
    g_autofree char *joined = g_strjoinv (" ", lines);

    self->summary = g_strdup (g_strstrip (joined));
  }

  author = git_commit_author (commit);
  self->author_name = g_utf8_make_valid (author->name != NULL ? author->name : "", -1);
  self->author_email = g_utf8_make_valid (author->email != NULL ? author->email : "", -1);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (author->when.time);
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset (author->when.offset * 60);

    self->time = utc != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_new_now_utc ();
  }
  self->n_parents = git_commit_parentcount (commit);

  return self;
}

const char *
tandem_git_commit_get_id (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->id;
}

const char *
tandem_git_commit_get_short_id (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->short_id;
}

const char *
tandem_git_commit_get_summary (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->summary;
}

const char *
tandem_git_commit_get_message (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->message;
}

const char *
tandem_git_commit_get_author_name (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->author_name;
}

const char *
tandem_git_commit_get_author_email (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->author_email;
}

GDateTime *
tandem_git_commit_get_time (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), NULL);
  return self->time;
}

guint
tandem_git_commit_get_n_parents (TandemGitCommit *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (self), 0);
  return self->n_parents;
}

/* TandemGitBranch */

struct _TandemGitBranch
{
  GObject  parent_instance;

  char    *name;
  char    *upstream;
  char    *target_short_id;

  guint    is_remote : 1;
  guint    is_head : 1;
};

enum {
  BRANCH_PROP_0,
  BRANCH_PROP_NAME,
  BRANCH_PROP_IS_REMOTE,
  BRANCH_PROP_IS_HEAD,
  BRANCH_PROP_UPSTREAM,
  BRANCH_N_PROPS
};

static GParamSpec *branch_properties[BRANCH_N_PROPS];

G_DEFINE_FINAL_TYPE (TandemGitBranch, tandem_git_branch, G_TYPE_OBJECT)

static void
tandem_git_branch_finalize (GObject *object)
{
  TandemGitBranch *self = (TandemGitBranch *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->upstream, g_free);
  g_clear_pointer (&self->target_short_id, g_free);

  G_OBJECT_CLASS (tandem_git_branch_parent_class)->finalize (object);
}

static void
tandem_git_branch_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemGitBranch *self = TANDEM_GIT_BRANCH (object);

  switch (prop_id)
    {
    case BRANCH_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case BRANCH_PROP_IS_REMOTE:
      g_value_set_boolean (value, self->is_remote);
      break;
    case BRANCH_PROP_IS_HEAD:
      g_value_set_boolean (value, self->is_head);
      break;
    case BRANCH_PROP_UPSTREAM:
      g_value_set_string (value, self->upstream);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_branch_class_init (TandemGitBranchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_git_branch_finalize;
  object_class->get_property = tandem_git_branch_get_property;

  branch_properties[BRANCH_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  branch_properties[BRANCH_PROP_IS_REMOTE] =
    g_param_spec_boolean ("is-remote", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  branch_properties[BRANCH_PROP_IS_HEAD] =
    g_param_spec_boolean ("is-head", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  branch_properties[BRANCH_PROP_UPSTREAM] =
    g_param_spec_string ("upstream", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, BRANCH_N_PROPS, branch_properties);
}

static void
tandem_git_branch_init (TandemGitBranch *self)
{
}

TandemGitBranch *
_tandem_git_branch_new (const char *name,
                        gboolean    is_remote,
                        gboolean    is_head,
                        const char *upstream,
                        const char *target_short_id)
{
  TandemGitBranch *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_GIT_BRANCH, NULL);
  self->name = g_strdup (name);
  self->is_remote = !!is_remote;
  self->is_head = !!is_head;
  self->upstream = g_strdup (upstream);
  self->target_short_id = g_strdup (target_short_id);

  return self;
}

const char *
tandem_git_branch_get_name (TandemGitBranch *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCH (self), NULL);
  return self->name;
}

gboolean
tandem_git_branch_get_is_remote (TandemGitBranch *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCH (self), FALSE);
  return self->is_remote;
}

gboolean
tandem_git_branch_get_is_head (TandemGitBranch *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCH (self), FALSE);
  return self->is_head;
}

const char *
tandem_git_branch_get_upstream (TandemGitBranch *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCH (self), NULL);
  return self->upstream;
}

const char *
tandem_git_branch_get_target_short_id (TandemGitBranch *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_BRANCH (self), NULL);
  return self->target_short_id;
}
