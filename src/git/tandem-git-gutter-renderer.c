/* tandem-git-gutter-renderer.c
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

#define G_LOG_DOMAIN "tandem-git-gutter-renderer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-git-gutter-renderer.h"

/* How the marks follow typing (budget: under 5 ms per keystroke in a 10,000-line file).
 *
 * Copying a 10,000-line buffer (gtk_text_buffer_get_text) and diffing all of it costs
 * more than that, and tandem_git_line_marks_compute() uses libgit2, which the main thread
 * never calls. So the renderer keeps its own copy of the text as an array of lines,
 * updated from the buffer's "insert-text" and "delete-range" (only the touched lines
 * change), and HEAD's blob split into lines once. After an edit, one idle (merging the
 * edits of a main-loop iteration, e.g. a paste) skips the lines equal at both ends; most
 * often the rest is empty on one side (lines only added or only removed) or small (typing
 * in a line or two), and the marks are made right there, the small case with a tiny
 * line diff of our own. Otherwise only the differing middle, plus one common line after
 * it so that removals at its end land on the right line, goes to a GTask thread for
 * tandem_git_line_marks_compute(). While a worker runs, further edits set a flag and the
 * next computation starts when it returns. No fixed debounce: bench/git-gutter measures
 * the keystroke-to-marks latency well under the 5 ms budget, and a 50-100 ms debounce
 * would only make the marks lag behind the typing. */

/* Differences of up to this many inserted plus removed lines are found on the main
 * thread; more go to a worker. */
#define MAIN_THREAD_MAX_EDITS 24

#define MARK_ADDED          (1 << 0)
#define MARK_CHANGED        (1 << 1)
#define MARK_DELETED_ABOVE  (1 << 2)

struct _TandemGitGutterRenderer
{
  GtkSourceGutterRenderer  parent_instance;

  TandemGitRepository     *repository;
  GSignalGroup            *buffer_signals;
  GCancellable            *cancellable;
  GPtrArray               *head_lines;    /* of char *; NULL when HEAD has no such file */
  GPtrArray               *lines;         /* of char *: the buffer's text, line by line */
  GArray                  *marks;         /* of TandemGitLineMark */
  GByteArray              *flags;         /* MARK_* per line */

  char                    *relative_path;
  char                    *head_id;       /* HEAD's short id when the blob was read */

  guint                    idle_id;
  guint                    generation;

  guint                    head_loaded : 1;
  guint                    in_sync : 1;
  guint                    computing : 1;
  guint                    dirty : 1;
};

enum {
  MARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemGitGutterRenderer, tandem_git_gutter_renderer, GTK_SOURCE_TYPE_GUTTER_RENDERER)

typedef struct
{
  GString *old_text;
  GString *new_text;
  guint    offset;
  guint    generation;
} ComputeData;

static void tandem_git_gutter_renderer_schedule (TandemGitGutterRenderer *self);

static void
compute_data_free (gpointer data)
{
  ComputeData *cd = data;

  g_string_free (cd->old_text, TRUE);
  g_string_free (cd->new_text, TRUE);
  g_free (cd);
}

/* Splits @text into lines: a final newline ends the last line. With @strip_cr, a "\r"
 * before a newline is dropped, so that a CRLF file in HEAD compares with the editor's
 * text (GtkSourceFile loads any newline type as "\n"). */
static GPtrArray *
split_lines (const char *text,
             gsize       length,
             gboolean    strip_cr)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;
      const char *line_end = stop;

      if (strip_cr && nl != NULL && line_end > p && line_end[-1] == '\r')
        line_end--;
      g_ptr_array_add (lines, g_strndup (p, line_end - p));
      p = nl != NULL ? nl + 1 : end;
    }

  return lines;
}

static void
tandem_git_gutter_renderer_set_marks (TandemGitGutterRenderer *self,
                                      GArray                  *marks)
{
  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  g_clear_pointer (&self->marks, g_array_unref);
  self->marks = marks;

  /* A flag per line, so drawing a line is one lookup. */
  g_byte_array_set_size (self->flags, self->lines->len);
  memset (self->flags->data, 0, self->flags->len);
  for (guint i = 0; i < marks->len; i++)
    {
      const TandemGitLineMark *mark = &g_array_index (marks, TandemGitLineMark, i);
      guint8 flag = mark->kind == TANDEM_GIT_LINE_MARK_ADDED ? MARK_ADDED
                  : mark->kind == TANDEM_GIT_LINE_MARK_CHANGED ? MARK_CHANGED
                  : MARK_DELETED_ABOVE;

      if (mark->line < self->flags->len)
        self->flags->data[mark->line] |= flag;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
}

/* Marks @count lines from @first with @kind. */
static void
add_marks (GArray                *marks,
           guint                  first,
           guint                  count,
           TandemGitLineMarkKind  kind)
{
  guint start = marks->len;

  g_array_set_size (marks, start + count);
  for (guint i = 0; i < count; i++)
    g_array_index (marks, TandemGitLineMark, start + i) = (TandemGitLineMark) { first + i, kind };
}

/* Marks for one run of differing lines, as tandem_git_line_marks_compute() makes them
 * for a hunk: @n_old lines of HEAD were replaced by @n_new lines starting at @line. */
static void
add_hunk_marks (GArray *marks,
                guint   line,
                guint   n_old,
                guint   n_new,
                guint   n_lines)
{
  guint changed = MIN (n_old, n_new);

  if (n_new == 0)
    {
      if (n_lines > 0)
        add_marks (marks, MIN (line, n_lines - 1), 1, TANDEM_GIT_LINE_MARK_DELETED);
      return;
    }

  add_marks (marks, line, changed, TANDEM_GIT_LINE_MARK_CHANGED);
  add_marks (marks, line + changed, n_new - changed, TANDEM_GIT_LINE_MARK_ADDED);
}

static inline gboolean
same_line (GPtrArray *head,
           GPtrArray *lines,
           guint      first,
           guint      x,
           guint      y)
{
  return strcmp (g_ptr_array_index (head, first + x), g_ptr_array_index (lines, first + y)) == 0;
}

/* Myers' diff of head[@first..@old_end) against lines[@first..@new_end), given up when
 * it needs more than MAIN_THREAD_MAX_EDITS inserted and removed lines. Its work grows
 * with the length times the number of edits, so a few edits in a long middle (typing
 * here while another place, thousands of lines away, is changed too) stay well under a
 * millisecond, without libgit2 on the main thread. Returns FALSE when given up. */
static gboolean
quick_diff (GPtrArray *head,
            guint      first,
            guint      old_end,
            GPtrArray *lines,
            guint      new_end,
            guint      n_lines,
            GArray    *marks)
{
  enum { MAX_D = MAIN_THREAD_MAX_EDITS, WIDTH = 2 * MAIN_THREAD_MAX_EDITS + 3 };
  int n = old_end - first;
  int m = new_end - first;
  g_autofree int *trace = NULL;
  g_autofree guint8 *old_kept = NULL;
  g_autofree guint8 *new_kept = NULL;
  int v[WIDTH];
  int d, x, y, i, j, run_i, run_j;
  gboolean found = FALSE;

  /* v[k + MAX_D + 1]: the furthest old line reached on diagonal k = x - y. */
  memset (v, 0, sizeof v);
  trace = g_new (int, (MAX_D + 1) * WIDTH);
  for (d = 0; d <= MAX_D && !found; d++)
    {
      memcpy (trace + d * WIDTH, v, sizeof v);
      for (int k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[k - 1 + MAX_D + 1] < v[k + 1 + MAX_D + 1]))
            x = v[k + 1 + MAX_D + 1];          /* a line inserted */
          else
            x = v[k - 1 + MAX_D + 1] + 1;      /* a line removed */
          y = x - k;
          while (x < n && y < m && same_line (head, lines, first, x, y))
            x++, y++;
          v[k + MAX_D + 1] = x;
          if (x >= n && y >= m)
            {
              found = TRUE;
              break;
            }
        }
    }
  if (!found)
    return FALSE;

  /* Walk back from the end, noting which lines of each side were kept. */
  old_kept = g_malloc0 (n + 1);
  new_kept = g_malloc0 (m + 1);
  x = n, y = m;
  for (d = d - 1; d >= 0; d--)
    {
      const int *w = trace + d * WIDTH;
      int k = x - y;
      int prev_k, prev_x, prev_y;

      if (d == 0)
        prev_x = prev_y = 0;
      else
        {
          prev_k = (k == -d || (k != d && w[k - 1 + MAX_D + 1] < w[k + 1 + MAX_D + 1])) ? k + 1 : k - 1;
          prev_x = w[prev_k + MAX_D + 1];
          prev_y = prev_x - prev_k;
          /* The snake starts after the edit that left (prev_x, prev_y). */
          if (prev_k == k + 1)
            prev_y++;
          else
            prev_x++;
        }
      while (x > prev_x && y > prev_y)
        {
          x--, y--;
          old_kept[x] = new_kept[y] = TRUE;
        }
      if (d > 0)
        {
          x = w[prev_k + MAX_D + 1];
          y = x - prev_k;
        }
    }

  /* Runs of lines not kept become marks, as a hunk of tandem_git_line_marks_compute(). */
  i = j = run_i = run_j = 0;
  while (i < n || j < m)
    {
      if (i < n && j < m && old_kept[i] && new_kept[j])
        {
          if (i > run_i || j > run_j)
            add_hunk_marks (marks, first + run_j, i - run_i, j - run_j, n_lines);
          run_i = ++i;
          run_j = ++j;
        }
      else if (j < m && !new_kept[j])
        j++;
      else
        i++;
    }
  if (i > run_i || j > run_j)
    add_hunk_marks (marks, first + run_j, i - run_i, j - run_j, n_lines);

  return TRUE;
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *cd = task_data;
  g_autoptr(GBytes) old_bytes = NULL;
  GArray *marks;

  g_assert (G_IS_TASK (task));
  g_assert (cd != NULL);

  old_bytes = g_bytes_new_static (cd->old_text->str, cd->old_text->len);
  marks = tandem_git_line_marks_compute (old_bytes, cd->new_text->str, cd->new_text->len);
  for (guint i = 0; i < marks->len; i++)
    g_array_index (marks, TandemGitLineMark, i).line += cd->offset;

  g_task_return_pointer (task, marks, (GDestroyNotify)g_array_unref);
}

static void
tandem_git_gutter_renderer_compute_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  TandemGitGutterRenderer *self = TANDEM_GIT_GUTTER_RENDERER (object);
  ComputeData *cd = g_task_get_task_data (G_TASK (result));
  GArray *marks;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  self->computing = FALSE;
  marks = g_task_propagate_pointer (G_TASK (result), NULL);
  if (marks == NULL)
    return;

  /* Marks of an older text or HEAD are dropped; newer ones are on their way. */
  if (cd->generation == self->generation && !self->dirty)
    tandem_git_gutter_renderer_set_marks (self, marks);
  else
    g_array_unref (marks);

  if (self->dirty)
    tandem_git_gutter_renderer_schedule (self);
}

static void
append_lines (GString   *text,
              GPtrArray *lines,
              guint      first,
              guint      end)
{
  for (guint i = first; i < end; i++)
    {
      g_string_append (text, g_ptr_array_index (lines, i));
      g_string_append_c (text, '\n');
    }
}

static void
tandem_git_gutter_renderer_resync (TandemGitGutterRenderer *self,
                                   GtkTextBuffer           *buffer)
{
  GtkTextIter begin, end;
  g_autofree char *text = NULL;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  text = gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->lines = split_lines (text, strlen (text), FALSE);
  /* An empty last line is a line like any other in the buffer. */
  if (text[0] == '\0' || g_str_has_suffix (text, "\n"))
    g_ptr_array_add (self->lines, g_strdup (""));
  self->in_sync = TRUE;
}

static void
tandem_git_gutter_renderer_update (TandemGitGutterRenderer *self)
{
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autoptr(GTask) task = NULL;
  GPtrArray *head;
  ComputeData *cd;
  GArray *marks;
  guint n_cur, n_head, prefix = 0, suffix = 0;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  buffer = g_signal_group_dup_target (self->buffer_signals);
  if (buffer == NULL || !self->head_loaded || self->cancellable == NULL)
    return;

  self->dirty = FALSE;
  self->generation++;

  /* The edit handlers keep the copy; a mismatch means an edit was missed. */
  if (!self->in_sync || self->lines->len != (guint)gtk_text_buffer_get_line_count (buffer))
    tandem_git_gutter_renderer_resync (self, buffer);

  /* The file on disk ends with a newline: implicit in a GtkSourceBuffer, else the empty
   * line after the last newline. Either way it is not a line of its own. */
  n_cur = self->lines->len;
  if (n_cur > 0 && ((const char *)g_ptr_array_index (self->lines, n_cur - 1))[0] == '\0' &&
      !(GTK_SOURCE_IS_BUFFER (buffer) &&
        gtk_source_buffer_get_implicit_trailing_newline (GTK_SOURCE_BUFFER (buffer))))
    n_cur--;

  head = self->head_lines;
  n_head = head != NULL ? head->len : 0;

  while (prefix < n_cur && prefix < n_head &&
         strcmp (g_ptr_array_index (self->lines, prefix), g_ptr_array_index (head, prefix)) == 0)
    prefix++;
  while (suffix < n_cur - prefix && suffix < n_head - prefix &&
         strcmp (g_ptr_array_index (self->lines, n_cur - 1 - suffix),
                 g_ptr_array_index (head, n_head - 1 - suffix)) == 0)
    suffix++;

  /* Only added or only removed lines: no diff needed. */
  if (n_cur - suffix == prefix || n_head - suffix == prefix)
    {
      marks = g_array_new (FALSE, FALSE, sizeof (TandemGitLineMark));
      if (n_cur - suffix > prefix)
        add_marks (marks, prefix, n_cur - suffix - prefix, TANDEM_GIT_LINE_MARK_ADDED);
      else if (n_head - suffix > prefix && n_cur > 0)
        add_marks (marks, MIN (prefix, n_cur - 1), 1, TANDEM_GIT_LINE_MARK_DELETED);
      tandem_git_gutter_renderer_set_marks (self, marks);
      return;
    }

  /* A few edits (typing in a line or two, here and elsewhere): diffed right here. */
  marks = g_array_new (FALSE, FALSE, sizeof (TandemGitLineMark));
  if (quick_diff (head, prefix, n_head - suffix, self->lines, n_cur - suffix, n_cur, marks))
    {
      tandem_git_gutter_renderer_set_marks (self, marks);
      return;
    }
  g_array_unref (marks);

  if (self->computing)
    {
      self->dirty = TRUE;
      return;
    }

  /* The differing middle, and the first common line after it when there is one. */
  cd = g_new0 (ComputeData, 1);
  cd->old_text = g_string_new (NULL);
  cd->new_text = g_string_new (NULL);
  cd->offset = prefix;
  cd->generation = self->generation;
  append_lines (cd->old_text, head, prefix, n_head - suffix + (suffix > 0));
  append_lines (cd->new_text, self->lines, prefix, n_cur - suffix + (suffix > 0));

  self->computing = TRUE;
  task = g_task_new (self, self->cancellable, tandem_git_gutter_renderer_compute_cb, NULL);
  g_task_set_source_tag (task, tandem_git_gutter_renderer_update);
  g_task_set_task_data (task, cd, compute_data_free);
  g_task_run_in_thread (task, compute_worker);
}

static gboolean
tandem_git_gutter_renderer_idle_cb (gpointer user_data)
{
  TandemGitGutterRenderer *self = user_data;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  self->idle_id = 0;
  tandem_git_gutter_renderer_update (self);

  return G_SOURCE_REMOVE;
}

static void
tandem_git_gutter_renderer_schedule (TandemGitGutterRenderer *self)
{
  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  /* Right after the event that made the edit: ahead of GtkSourceView's re-highlighting
   * (G_PRIORITY_HIGH_IDLE - 20) and of the next frame, whose wait it would share. All the
   * edits of one event (a paste, an undo group) are done by then, so they make one update. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT + 10,
                                     tandem_git_gutter_renderer_idle_cb, self, NULL);
}

static void
tandem_git_gutter_renderer_buffer_insert_text_cb (TandemGitGutterRenderer *self,
                                                  GtkTextIter             *location,
                                                  const char              *text,
                                                  int                      length)
{
  guint line = gtk_text_iter_get_line (location);
  guint index = gtk_text_iter_get_line_index (location);
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *tail = NULL;
  char *current;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  if (!self->in_sync || line >= self->lines->len ||
      index > strlen (g_ptr_array_index (self->lines, line)))
    {
      self->in_sync = FALSE;
      return;
    }

  if (length < 0)
    length = strlen (text);

  /* Split without dropping "\r": the buffer keeps it, and so does the copy. */
  parts = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = text, *end = text + length; ; )
    {
      const char *nl = memchr (p, '\n', end - p);

      g_ptr_array_add (parts, g_strndup (p, (nl != NULL ? nl : end) - p));
      if (nl == NULL)
        break;
      p = nl + 1;
    }

  current = g_ptr_array_index (self->lines, line);
  tail = g_strdup (current + index);
  current[index] = '\0';
  self->lines->pdata[line] = g_strconcat (current, g_ptr_array_index (parts, 0),
                                          parts->len == 1 ? tail : "", NULL);
  g_free (current);

  for (guint i = 1; i < parts->len; i++)
    {
      char *added = i + 1 < parts->len ? g_strdup (g_ptr_array_index (parts, i))
                                       : g_strconcat (g_ptr_array_index (parts, i), tail, NULL);

      g_ptr_array_insert (self->lines, line + i, added);
    }
}

static void
tandem_git_gutter_renderer_buffer_delete_range_cb (TandemGitGutterRenderer *self,
                                                   GtkTextIter             *start,
                                                   GtkTextIter             *end)
{
  guint first = gtk_text_iter_get_line (start);
  guint last = gtk_text_iter_get_line (end);
  guint first_index = gtk_text_iter_get_line_index (start);
  guint last_index = gtk_text_iter_get_line_index (end);
  char *head_line;
  char *tail_line;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  if (gtk_text_iter_compare (start, end) > 0)
    {
      guint t;

      t = first, first = last, last = t;
      t = first_index, first_index = last_index, last_index = t;
    }

  if (!self->in_sync || last >= self->lines->len ||
      first_index > strlen (g_ptr_array_index (self->lines, first)) ||
      last_index > strlen (g_ptr_array_index (self->lines, last)))
    {
      self->in_sync = FALSE;
      return;
    }

  head_line = g_ptr_array_index (self->lines, first);
  tail_line = g_ptr_array_index (self->lines, last);
  head_line[first_index] = '\0';
  self->lines->pdata[first] = g_strconcat (head_line, tail_line + last_index, NULL);
  g_free (head_line);
  if (last > first)
    g_ptr_array_remove_range (self->lines, first + 1, last - first);
}

static void
tandem_git_gutter_renderer_buffer_changed_cb (TandemGitGutterRenderer *self)
{
  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  /* A worker's marks for the text before this edit are outdated now. */
  self->generation++;
  tandem_git_gutter_renderer_schedule (self);
}

static void
tandem_git_gutter_renderer_read_head_cb (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitGutterRenderer) self = user_data;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  head = tandem_git_repository_read_head_blob_finish (repository, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->head_lines, g_ptr_array_unref);
  self->generation++;

  if (error != NULL)
    {
      /* Nothing sensible to compare with: show no marks rather than wrong ones. */
      g_debug ("Could not read %s in HEAD: %s", self->relative_path, error->message);
      self->head_loaded = FALSE;
      tandem_git_gutter_renderer_set_marks (self, g_array_new (FALSE, FALSE, sizeof (TandemGitLineMark)));
      return;
    }

  if (head != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (head, &length);

      self->head_lines = split_lines (data != NULL ? data : "", length, TRUE);
    }
  self->head_loaded = TRUE;
  tandem_git_gutter_renderer_schedule (self);
}

static void
tandem_git_gutter_renderer_read_head (TandemGitGutterRenderer *self)
{
  TandemGitStatus *status;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  status = tandem_git_repository_get_status (self->repository);
  g_free (self->head_id);
  self->head_id = status != NULL ? g_strdup (tandem_git_status_get_head_short_id (status)) : NULL;

  tandem_git_repository_read_head_blob_async (self->repository, self->relative_path,
                                              self->cancellable,
                                              tandem_git_gutter_renderer_read_head_cb,
                                              g_object_ref (self));
}

static void
tandem_git_gutter_renderer_repository_status_changed_cb (TandemGitGutterRenderer *self)
{
  TandemGitStatus *status;

  g_assert (TANDEM_IS_GIT_GUTTER_RENDERER (self));

  status = tandem_git_repository_get_status (self->repository);
  if (status == NULL)
    return;

  /* HEAD's blob only changes when HEAD moves (commit, switch, pull, reset…). */
  if (self->head_id == NULL ||
      g_strcmp0 (self->head_id, tandem_git_status_get_head_short_id (status)) != 0)
    tandem_git_gutter_renderer_read_head (self);
}

static void
tandem_git_gutter_renderer_change_buffer (GtkSourceGutterRenderer *renderer,
                                          GtkSourceBuffer         *old_buffer)
{
  TandemGitGutterRenderer *self = TANDEM_GIT_GUTTER_RENDERER (renderer);

  self->in_sync = FALSE;
  g_signal_group_set_target (self->buffer_signals, gtk_source_gutter_renderer_get_buffer (renderer));
  tandem_git_gutter_renderer_schedule (self);
}

static void
tandem_git_gutter_renderer_snapshot_line (GtkSourceGutterRenderer *renderer,
                                          GtkSnapshot             *snapshot,
                                          GtkSourceGutterLines    *lines,
                                          guint                    line)
{
  static const GdkRGBA green = { 0.18, 0.76, 0.49, 1.0 };
  static const GdkRGBA blue = { 0.21, 0.52, 0.89, 1.0 };
  static const GdkRGBA red = { 0.88, 0.11, 0.14, 1.0 };
  TandemGitGutterRenderer *self = TANDEM_GIT_GUTTER_RENDERER (renderer);
  int width = gtk_widget_get_width (GTK_WIDGET (renderer));
  int y, height;
  guint8 flag;

  if (line >= self->flags->len || (flag = self->flags->data[line]) == 0)
    return;

  gtk_source_gutter_lines_get_line_yrange (lines, line, GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_CELL,
                                           &y, &height);

  if (flag & MARK_ADDED)
    gtk_snapshot_append_color (snapshot, &green, &GRAPHENE_RECT_INIT (width - 4, y, 3, height));
  else if (flag & MARK_CHANGED)
    gtk_snapshot_append_color (snapshot, &blue, &GRAPHENE_RECT_INIT (width - 4, y, 3, height));

  /* Removed lines: a short red wedge across the boundary above the line. */
  if (flag & MARK_DELETED_ABOVE)
    {
      gtk_snapshot_append_color (snapshot, &red, &GRAPHENE_RECT_INIT (0, y - 1, width, 2));
      gtk_snapshot_append_color (snapshot, &red, &GRAPHENE_RECT_INIT (width - 3, y - 3, 3, 6));
    }
}

static void
tandem_git_gutter_renderer_dispose (GObject *object)
{
  TandemGitGutterRenderer *self = (TandemGitGutterRenderer *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->buffer_signals != NULL)
    g_signal_group_set_target (self->buffer_signals, NULL);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (tandem_git_gutter_renderer_parent_class)->dispose (object);
}

static void
tandem_git_gutter_renderer_finalize (GObject *object)
{
  TandemGitGutterRenderer *self = (TandemGitGutterRenderer *)object;

  g_clear_object (&self->buffer_signals);
  g_clear_pointer (&self->head_lines, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->flags, g_byte_array_unref);
  g_clear_pointer (&self->relative_path, g_free);
  g_clear_pointer (&self->head_id, g_free);

  G_OBJECT_CLASS (tandem_git_gutter_renderer_parent_class)->finalize (object);
}

static void
tandem_git_gutter_renderer_class_init (TandemGitGutterRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->dispose = tandem_git_gutter_renderer_dispose;
  object_class->finalize = tandem_git_gutter_renderer_finalize;

  renderer_class->change_buffer = tandem_git_gutter_renderer_change_buffer;
  renderer_class->snapshot_line = tandem_git_gutter_renderer_snapshot_line;

  /**
   * TandemGitGutterRenderer::marks-changed:
   *
   * The marks were recomputed (after an edit, or when HEAD moved).
   */
  signals[MARKS_CHANGED] =
    g_signal_new ("marks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "gitgutter");
}

static void
tandem_git_gutter_renderer_init (TandemGitGutterRenderer *self)
{
  self->cancellable = g_cancellable_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (TandemGitLineMark));
  self->flags = g_byte_array_new ();

  /* Before the buffer's own handlers: the iterators still point at the edit. */
  self->buffer_signals = g_signal_group_new (GTK_TYPE_TEXT_BUFFER);
  g_signal_group_connect_object (self->buffer_signals, "insert-text",
                                 G_CALLBACK (tandem_git_gutter_renderer_buffer_insert_text_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->buffer_signals, "delete-range",
                                 G_CALLBACK (tandem_git_gutter_renderer_buffer_delete_range_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->buffer_signals, "changed",
                                 G_CALLBACK (tandem_git_gutter_renderer_buffer_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  gtk_widget_set_size_request (GTK_WIDGET (self), 6, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes since the last commit"),
                                  -1);
}

/**
 * tandem_git_gutter_renderer_attach:
 * @view: the editor's view
 * @repository: the repository containing the file
 * @relative_path: the file's path relative to the work tree
 *
 * Returns: (transfer none): the renderer, owned by @view's gutter
 */
TandemGitGutterRenderer *
tandem_git_gutter_renderer_attach (GtkSourceView       *view,
                                   TandemGitRepository *repository,
                                   const char          *relative_path)
{
  TandemGitGutterRenderer *self;
  GtkSourceGutter *gutter;

  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);
  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (repository), NULL);
  g_return_val_if_fail (relative_path != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_GIT_GUTTER_RENDERER, NULL);
  self->repository = g_object_ref (repository);
  self->relative_path = g_strdup (relative_path);
  g_signal_connect_object (repository, "status-changed",
                           G_CALLBACK (tandem_git_gutter_renderer_repository_status_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Between the line numbers (and marks) and the text. */
  gutter = gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT);
  gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (self), -10);

  tandem_git_gutter_renderer_read_head (self);

  return self;
}

/**
 * tandem_git_gutter_renderer_get_marks:
 *
 * Returns: (transfer none) (element-type TandemGitLineMark): the marks shown now
 */
GArray *
tandem_git_gutter_renderer_get_marks (TandemGitGutterRenderer *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_GUTTER_RENDERER (self), NULL);

  return self->marks;
}
