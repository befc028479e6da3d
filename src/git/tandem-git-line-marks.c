/* tandem-git-line-marks.c
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

#include <git2.h>

#include "tandem-git-repository.h"
#include "tandem-git-types-private.h"
#include "tandem-utils.h"

typedef struct
{
  GArray *marks;
  guint   n_lines;
  guint   first_line;    /* of the compared middle part, in the whole text */
} MarksData;

static guint
count_lines (const char *text,
             gsize       length)
{
  guint n = 0;
  const char *p = text;
  const char *end = text + length;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }

  if (length > 0 && text[length - 1] != '\n')
    n++;

  return n;
}

static void
add_marks (GArray                *marks,
           guint                  first,
           guint                  count,
           TandemGitLineMarkKind  kind)
{
  for (guint i = 0; i < count; i++)
    {
      TandemGitLineMark mark = { first + i, kind };

      g_array_append_val (marks, mark);
    }
}

static int
marks_hunk_cb (const git_diff_delta *delta,
               const git_diff_hunk  *hunk,
               void                 *payload)
{
  MarksData *data = payload;
  int new_start;

  g_assert (hunk != NULL);
  g_assert (data != NULL);

  new_start = hunk->new_start + (int)data->first_line;

  if (hunk->new_lines == 0)
    {
      /* Without context, new_start is the line above the removed ones (1-based), so
       * the line below them has that number 0-based. Removals at the end mark the last
       * line. */
      guint line = (guint)new_start;

      if (data->n_lines == 0)
        return 0;
      if (line >= data->n_lines)
        line = data->n_lines - 1;
      add_marks (data->marks, line, 1, TANDEM_GIT_LINE_MARK_DELETED);
    }
  else if (hunk->old_lines == 0)
    add_marks (data->marks, new_start - 1, hunk->new_lines, TANDEM_GIT_LINE_MARK_ADDED);
  else
    {
      /* Lines beyond the removed count are additions to a changed block. */
      guint changed = MIN (hunk->old_lines, hunk->new_lines);

      add_marks (data->marks, new_start - 1, changed, TANDEM_GIT_LINE_MARK_CHANGED);
      add_marks (data->marks, new_start - 1 + changed, hunk->new_lines - changed,
                 TANDEM_GIT_LINE_MARK_ADDED);
    }

  return 0;
}

/* The length of the common start of @a and @b, ending after a newline. */
static gsize
common_prefix (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  gsize n = MIN (a_len, b_len);
  gsize i = 0;

  while (i < n && a[i] == b[i])
    i++;
  while (i > 0 && a[i - 1] != '\n')
    i--;

  return i;
}

/* The length of the common end of @a and @b (at most @max), made of whole lines. */
static gsize
common_suffix (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len,
               gsize       max)
{
  gsize i = 0;

  while (i < max && a[a_len - 1 - i] == b[b_len - 1 - i])
    i++;

  /* In both texts the common end must start a line. */
  while (i > 0)
    {
      gsize start_a = a_len - i;
      gsize start_b = b_len - i;

      if ((start_a == 0 || a[start_a - 1] == '\n') && (start_b == 0 || b[start_b - 1] == '\n'))
        break;
      i--;
    }

  return i;
}

/**
 * tandem_git_line_marks_compute:
 * @head: (nullable): the file's content in HEAD
 * @text: the editor's text
 * @length: the length of @text in bytes
 *
 * Returns: (transfer full) (element-type TandemGitLineMark): the marks, sorted by line
 */
GArray *
tandem_git_line_marks_compute (GBytes     *head,
                               const char *text,
                               gsize       length)
{
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  MarksData data;
  gconstpointer old_data;
  gsize old_len = 0;
  gsize prefix;
  gsize suffix;
  int rc;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  data.marks = g_array_new (FALSE, FALSE, sizeof (TandemGitLineMark));
  data.first_line = 0;
  data.n_lines = count_lines (text != NULL ? text : "", length);

  if (head == NULL)
    {
      add_marks (data.marks, 0, data.n_lines, TANDEM_GIT_LINE_MARK_ADDED);
      return data.marks;
    }

  tandem_ensure_libgit2 ();

  old_data = g_bytes_get_data (head, &old_len);
  if (text == NULL)
    text = "";

  /* A typical edit touches a few lines of a long file: compare only the part between
   * the common leading and trailing lines. */
  prefix = common_prefix (old_data, old_len, text, length);
  suffix = common_suffix ((const char *)old_data + prefix, old_len - prefix,
                          text + prefix, length - prefix,
                          MIN (old_len, length) - prefix);
  data.first_line = count_lines (text, prefix);

  options.context_lines = 0;
  options.interhunk_lines = 0;
  options.flags = GIT_DIFF_FORCE_TEXT;

  rc = git_diff_buffers ((const char *)old_data + prefix, old_len - prefix - suffix, NULL,
                         text + prefix, length - prefix - suffix, NULL, &options,
                         NULL, NULL, marks_hunk_cb, NULL, &data);
  if (rc < 0)
    g_array_set_size (data.marks, 0);

  return data.marks;
}
