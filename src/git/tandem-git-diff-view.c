/* tandem-git-diff-view.c
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

#define G_LOG_DOMAIN "tandem-git-diff-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "tandem-git-diff-view.h"
#include "tandem-module.h"
#include "tandem-git-error.h"

/* The whole diff lives in one read-only GtkSourceBuffer: it is built as one string and
 * inserted at once, then line backgrounds are applied as tags over runs of lines. That
 * keeps a 5,000-line diff to a few milliseconds, and GtkSourceView highlights only what
 * is on screen. Line numbers come from a per-line table read by gutter renderers. */

typedef enum
{
  LINE_FILE_HEADER,
  LINE_HUNK,
  LINE_CONTEXT,
  LINE_ADDED,
  LINE_REMOVED,
  LINE_NOTE,
} LineKind;

typedef struct
{
  int    old_lineno;
  int    new_lineno;
  guint8 kind;
} LineInfo;

/* Where a hunk's header line is, to put its button there. */
typedef struct
{
  guint                    line;
  const TandemGitDiffHunk *hunk;
} HunkRef;

struct _TandemGitDiffView
{
  GtkWidget            parent_instance;

  TandemGitRepository *repository;
  TandemGitCommit     *commit;
  GCancellable        *cancellable;
  GtkSourceBuffer     *buffer;
  GArray              *lines;            /* of LineInfo, one per buffer line */
  GtkTextMark         *scroll_mark;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkWidget           *commit_box;
  GtkLabel            *commit_summary;
  GtkLabel            *commit_meta;
  GtkLabel            *commit_body;
  GtkScrolledWindow   *scroller;
  GtkSourceView       *view;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;

  char                *path;
  char                *shown_text;       /* what the buffer holds, to skip same reloads */
  char                *title;
  char                *key;

  guint                staged : 1;
  guint                loaded : 1;
  guint                applying : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitDiffView, tandem_git_diff_view, GTK_TYPE_WIDGET)

static void tandem_git_diff_view_reload (TandemGitDiffView *self);

static const char *
tag_for_kind (LineKind kind)
{
  switch (kind)
    {
    case LINE_FILE_HEADER: return "file-header";
    case LINE_HUNK:        return "hunk";
    case LINE_ADDED:       return "added";
    case LINE_REMOVED:     return "removed";
    case LINE_NOTE:        return "note";
    case LINE_CONTEXT:
    default:               return NULL;
    }
}

static void
append_line (GString    *text,
             GArray     *lines,
             const char *content,
             LineKind    kind,
             int         old_lineno,
             int         new_lineno)
{
  LineInfo info = { old_lineno, new_lineno, kind };

  g_string_append (text, content);
  g_string_append_c (text, '\n');
  g_array_append_val (lines, info);
}

static void
append_file (TandemGitDiffView *self,
             GString           *text,
             GArray            *lines,
             GArray            *hunks,
             TandemGitFileDiff *diff)
{
  const char *path = tandem_git_file_diff_get_path (diff);
  const char *old_path = tandem_git_file_diff_get_old_path (diff);
  g_autofree char *header = NULL;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));
  g_assert (TANDEM_IS_GIT_FILE_DIFF (diff));

  if (old_path != NULL && g_strcmp0 (old_path, path) != 0)
    header = g_strdup_printf ("%s → %s   +%u −%u", old_path, path,
                              tandem_git_file_diff_get_additions (diff),
                              tandem_git_file_diff_get_deletions (diff));
  else
    header = g_strdup_printf ("%s   +%u −%u", path,
                              tandem_git_file_diff_get_additions (diff),
                              tandem_git_file_diff_get_deletions (diff));
  append_line (text, lines, header, LINE_FILE_HEADER, -1, -1);

  if (tandem_git_file_diff_get_binary (diff))
    {
      append_line (text, lines, _("Binary file not shown"), LINE_NOTE, -1, -1);
      return;
    }

  for (guint h = 0; h < tandem_git_file_diff_get_n_hunks (diff); h++)
    {
      const TandemGitDiffHunk *hunk = tandem_git_file_diff_get_hunk (diff, h);
      HunkRef ref = { lines->len, hunk };

      /* The spaces leave room for the hunk's button, anchored at the end of the line. */
      append_line (text, lines, hunk->header, LINE_HUNK, -1, -1);
      /* A rename stages and unstages as a whole: no hunk of it on its own. */
      if (self->commit == NULL && old_path == NULL)
        {
          g_string_insert (text, text->len - 1, "    ");
          g_array_append_val (hunks, ref);
        }

      for (guint i = 0; i < hunk->lines->len; i++)
        {
          const TandemGitDiffLine *dl = &g_array_index (hunk->lines, TandemGitDiffLine, i);
          LineKind kind = dl->origin == TANDEM_GIT_LINE_ADDED ? LINE_ADDED
                        : dl->origin == TANDEM_GIT_LINE_REMOVED ? LINE_REMOVED
                        : LINE_CONTEXT;

          append_line (text, lines, dl->content, kind, dl->old_lineno, dl->new_lineno);
          if (dl->no_newline)
            append_line (text, lines, _("No newline at end of file"), LINE_NOTE, -1, -1);
        }
    }
}

static void
tandem_git_diff_view_stage_done_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitDiffView) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  tandem_git_repository_apply_hunk_finish (repository, result, &error);
  self->applying = FALSE;
  /* Rebuild even when the text is the same, to bring the buttons back. */
  g_clear_pointer (&self->shown_text, g_free);

  if (self->stack == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DIFF_CHANGED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The file changed since the diff was shown. "
                                                  "The diff was reloaded: check it and try again.")));
  else if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));

  tandem_git_diff_view_reload (self);
}

static void
tandem_git_diff_view_hunk_clicked_cb (TandemGitDiffView *self,
                                      GtkButton         *button)
{
  const char *header;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));
  g_assert (GTK_IS_BUTTON (button));

  if (self->applying)
    return;

  header = g_object_get_data (G_OBJECT (button), "tandem-hunk-header");
  self->applying = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);

  tandem_git_repository_apply_hunk_async (self->repository, self->path, self->staged, header,
                                          self->cancellable,
                                          tandem_git_diff_view_stage_done_cb,
                                          g_object_ref (self));
}

static void
tandem_git_diff_view_add_hunk_button (TandemGitDiffView *self,
                                      guint              line,
                                      const char        *header,
                                      int                new_start)
{
  GtkTextChildAnchor *anchor;
  GtkTextIter iter;
  GtkWidget *button;
  g_autofree char *a11y = NULL;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, line);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  anchor = gtk_text_buffer_create_child_anchor (GTK_TEXT_BUFFER (self->buffer), &iter);

  button = gtk_button_new_with_label (self->staged ? _("Unstage Hunk") : _("Stage Hunk"));
  gtk_widget_add_css_class (button, "hunk-button");
  gtk_widget_add_css_class (button, "caption");
  gtk_widget_set_cursor_from_name (button, "default");
  gtk_widget_set_tooltip_text (button, self->staged
                                         ? _("Remove these changes from the next commit")
                                         : _("Add these changes to the next commit"));
  a11y = self->staged
    ? g_strdup_printf (_("Unstage the hunk at line %d"), new_start)
    : g_strdup_printf (_("Stage the hunk at line %d"), new_start);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "tandem-hunk-header", g_strdup (header), g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (tandem_git_diff_view_hunk_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self->view), button, anchor);
}

static void
tandem_git_diff_view_apply_tags (TandemGitDiffView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  guint run_start = 0;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  for (guint i = 1; i <= self->lines->len; i++)
    {
      guint8 kind = g_array_index (self->lines, LineInfo, run_start).kind;
      const char *tag;
      GtkTextIter begin, end;

      if (i < self->lines->len && g_array_index (self->lines, LineInfo, i).kind == kind)
        continue;

      tag = tag_for_kind (kind);
      if (tag != NULL)
        {
          gtk_text_buffer_get_iter_at_line (buffer, &begin, run_start);
          if (i < self->lines->len)
            gtk_text_buffer_get_iter_at_line (buffer, &end, i);
          else
            gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_apply_tag_by_name (buffer, tag, &begin, &end);
        }
      run_start = i;
    }
}

static GtkSourceLanguage *
guess_language (const char *path)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  return gtk_source_language_manager_guess_language (manager, path, NULL);
}

static void
tandem_git_diff_view_show (TandemGitDiffView *self,
                           GPtrArray         *diffs)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) hunks = g_array_new (FALSE, FALSE, sizeof (HunkRef));
  GtkSourceLanguage *language = NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;
  gboolean same_language = TRUE;
  gboolean any = FALSE;
  int top_line = -1;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));
  g_assert (diffs != NULL);

  self->loaded = TRUE;
  gtk_spinner_stop (self->spinner);

  for (guint i = 0; i < diffs->len; i++)
    {
      TandemGitFileDiff *diff = g_ptr_array_index (diffs, i);

      if (tandem_git_file_diff_get_n_hunks (diff) > 0 || tandem_git_file_diff_get_binary (diff))
        any = TRUE;
    }

  if (!any && self->commit == NULL)
    {
      g_autofree char *description = g_strdup_printf (self->staged
                                                        ? _("“%s” has no staged changes.")
                                                        : _("“%s” has no unstaged changes."),
                                                      self->path);

      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Keep the line at the top of the window in view across reloads (e.g. after staging). */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "diff"))
    {
      GdkRectangle visible;

      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->view), &visible);
      gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->view), &iter, visible.y, NULL);
      top_line = gtk_text_iter_get_line (&iter);
    }

  g_array_set_size (self->lines, 0);
  for (guint i = 0; i < diffs->len; i++)
    {
      TandemGitFileDiff *diff = g_ptr_array_index (diffs, i);
      GtkSourceLanguage *lang = guess_language (tandem_git_file_diff_get_path (diff));

      if (i == 0)
        language = lang;
      else if (lang != language)
        same_language = FALSE;

      append_file (self, text, self->lines, hunks, diff);
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);

  /* Most status changes concern other files: nothing to redo then. */
  if (top_line >= 0 && g_strcmp0 (text->str, self->shown_text) == 0)
    return;
  g_free (self->shown_text);
  self->shown_text = g_strdup (text->str);

  /* One language for the whole buffer: with files of several languages, none. */
  gtk_source_buffer_set_language (self->buffer, same_language ? language : NULL);
  gtk_text_buffer_set_text (buffer, text->str, text->len);

  for (guint h = 0; h < hunks->len; h++)
    {
      const HunkRef *ref = &g_array_index (hunks, HunkRef, h);

      tandem_git_diff_view_add_hunk_button (self, ref->line, ref->hunk->header, ref->hunk->new_start);
    }

  tandem_git_diff_view_apply_tags (self);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);

  gtk_stack_set_visible_child_name (self->stack, "diff");

  if (top_line >= 0)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &iter, top_line);
      gtk_text_buffer_move_mark (buffer, self->scroll_mark, &iter);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), self->scroll_mark, 0, TRUE, 0, 0);
    }
}

static void
tandem_git_diff_view_show_error (TandemGitDiffView *self,
                                 const GError      *error)
{
  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
tandem_git_diff_view_file_diff_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitDiffView) self = user_data;
  g_autoptr(TandemGitFileDiff) diff = NULL;
  g_autoptr(GPtrArray) diffs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  diff = tandem_git_repository_diff_file_finish (repository, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  if (diff == NULL)
    {
      tandem_git_diff_view_show_error (self, error);
      return;
    }

  g_ptr_array_add (diffs, diff);
  tandem_git_diff_view_show (self, diffs);
}

static void
tandem_git_diff_view_commit_diff_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitDiffView) self = user_data;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  diffs = tandem_git_repository_commit_diff_finish (repository, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  if (diffs == NULL)
    tandem_git_diff_view_show_error (self, error);
  else
    tandem_git_diff_view_show (self, diffs);
}

static void
tandem_git_diff_view_reload (TandemGitDiffView *self)
{
  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!self->loaded)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  if (self->commit != NULL)
    tandem_git_repository_commit_diff_async (self->repository,
                                             tandem_git_commit_get_id (self->commit),
                                             self->cancellable,
                                             tandem_git_diff_view_commit_diff_cb,
                                             g_object_ref (self));
  else
    tandem_git_repository_diff_file_async (self->repository, self->path, self->staged,
                                           self->cancellable,
                                           tandem_git_diff_view_file_diff_cb,
                                           g_object_ref (self));
}

static void
tandem_git_diff_view_repository_status_changed_cb (TandemGitDiffView *self)
{
  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  if (self->commit == NULL)
    tandem_git_diff_view_reload (self);
}

static void
tandem_git_diff_view_update_scheme (TandemGitDiffView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
tandem_git_diff_view_line_query_cb (TandemGitDiffView           *self,
                                    GtkSourceGutterLines        *lines,
                                    guint                        line,
                                    GtkSourceGutterRendererText *renderer)
{
  const char *which = g_object_get_data (G_OBJECT (renderer), "tandem-column");
  const LineInfo *info;
  char text[16] = "";
  int number = -1;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));
  g_assert (GTK_SOURCE_IS_GUTTER_RENDERER_TEXT (renderer));

  if (line < self->lines->len)
    {
      info = &g_array_index (self->lines, LineInfo, line);
      if (which[0] == 'o')
        number = info->kind == LINE_CONTEXT || info->kind == LINE_REMOVED ? info->old_lineno : -1;
      else if (which[0] == 'n')
        number = info->kind == LINE_CONTEXT || info->kind == LINE_ADDED ? info->new_lineno : -1;
      else if (info->kind == LINE_ADDED)
        g_strlcpy (text, "+", sizeof text);
      else if (info->kind == LINE_REMOVED)
        g_strlcpy (text, "−", sizeof text);
    }

  if (number > 0)
    g_snprintf (text, sizeof text, "%d", number);

  gtk_source_gutter_renderer_text_set_text (renderer, text, -1);
}

/* Sizes the number columns for five digits in the view's font, once it is styled. */
static void
tandem_git_diff_view_size_columns (TandemGitDiffView *self)
{
  GtkSourceGutter *gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->view), "99999");
  int digits = 0;

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  pango_layout_get_pixel_size (layout, &digits, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (gutter));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *which = g_object_get_data (G_OBJECT (child), "tandem-column");

      if (which != NULL)
        gtk_widget_set_size_request (child, which[0] == 's' ? digits / 5 + 8 : digits + 8, -1);
    }
}

static void
tandem_git_diff_view_add_column (TandemGitDiffView *self,
                                 const char        *which)
{
  GtkSourceGutter *gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
  GtkSourceGutterRenderer *renderer = gtk_source_gutter_renderer_text_new ();

  g_assert (TANDEM_IS_GIT_DIFF_VIEW (self));

  g_object_set_data (G_OBJECT (renderer), "tandem-column", (gpointer)which);
  gtk_source_gutter_renderer_set_xalign (renderer, 1.0);
  gtk_source_gutter_renderer_set_xpad (renderer, 4);
  gtk_widget_add_css_class (GTK_WIDGET (renderer), "dim-label");
  g_signal_connect_object (renderer, "query-data",
                           G_CALLBACK (tandem_git_diff_view_line_query_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_source_gutter_insert (gutter, renderer, which[0] == 'o' ? 0 : which[0] == 'n' ? 1 : 2);
}

static void
tandem_git_diff_view_map (GtkWidget *widget)
{
  TandemGitDiffView *self = TANDEM_GIT_DIFF_VIEW (widget);

  GTK_WIDGET_CLASS (tandem_git_diff_view_parent_class)->map (widget);

  tandem_git_diff_view_size_columns (self);

  /* Coming back to the tab: the file may have been edited without a status change. */
  if (self->loaded && self->commit == NULL)
    tandem_git_diff_view_reload (self);
}

static void
tandem_git_diff_view_dispose (GObject *object)
{
  TandemGitDiffView *self = (TandemGitDiffView *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_GIT_DIFF_VIEW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->buffer);
  g_clear_object (&self->repository);
  g_clear_object (&self->commit);

  G_OBJECT_CLASS (tandem_git_diff_view_parent_class)->dispose (object);
}

static void
tandem_git_diff_view_finalize (GObject *object)
{
  TandemGitDiffView *self = (TandemGitDiffView *)object;

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->shown_text, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (tandem_git_diff_view_parent_class)->finalize (object);
}

static void
tandem_git_diff_view_class_init (TandemGitDiffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_git_diff_view_dispose;
  object_class->finalize = tandem_git_diff_view_finalize;

  widget_class->map = tandem_git_diff_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gitdiffview");

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/git/tandem-git-diff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, spinner);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, commit_box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, commit_summary);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, commit_meta);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, commit_body);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, view);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemGitDiffView, error_page);
}

static void
tandem_git_diff_view_init (TandemGitDiffView *self)
{
  GtkTextIter start;

  tandem_module_add_css ("/io/github/tandemide/Tandem/git/tandem-git-views.css");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_array_new (FALSE, FALSE, sizeof (LineInfo));
  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  self->scroll_mark = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->buffer), NULL, &start, TRUE);

  /* Translucent tints read well on light and dark backgrounds alike. */
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "added",
                              "paragraph-background-rgba", &(GdkRGBA) { 0.15, 0.64, 0.41, 0.22 },
                              NULL);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "removed",
                              "paragraph-background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.20 },
                              NULL);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "hunk",
                              "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.14 },
                              "foreground-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 1.0 },
                              "pixels-above-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "file-header",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.1,
                              "pixels-above-lines", 12,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "note",
                              "style", PANGO_STYLE_ITALIC,
                              "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 },
                              NULL);

  tandem_git_diff_view_add_column (self, "old");
  tandem_git_diff_view_add_column (self, "new");
  tandem_git_diff_view_add_column (self, "sign");

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (tandem_git_diff_view_update_scheme),
                           self, G_CONNECT_SWAPPED);
  tandem_git_diff_view_update_scheme (self);
}

static TandemGitDiffView *
tandem_git_diff_view_create (TandemGitRepository *repository)
{
  TandemGitDiffView *self = g_object_new (TANDEM_TYPE_GIT_DIFF_VIEW, NULL);

  self->repository = g_object_ref (repository);
  g_signal_connect_object (repository, "status-changed",
                           G_CALLBACK (tandem_git_diff_view_repository_status_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * tandem_git_diff_view_new:
 * @repository: the repository
 * @path: the file, relative to the work tree
 * @staged: %TRUE for the staged changes, %FALSE for the unstaged ones
 *
 * Returns: (transfer floating): a new diff view
 */
GtkWidget *
tandem_git_diff_view_new (TandemGitRepository *repository,
                          const char          *path,
                          gboolean             staged)
{
  TandemGitDiffView *self;
  g_autofree char *basename = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (repository), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = tandem_git_diff_view_create (repository);
  self->path = g_strdup (path);
  self->staged = !!staged;
  basename = g_path_get_basename (path);
  self->title = g_strdup_printf (staged ? _("%s (Staged)") : _("%s (Changes)"), basename);
  self->key = g_strconcat (staged ? "staged:" : "changes:", path, NULL);

  label = g_strdup_printf (staged ? _("Staged changes of %s") : _("Unstaged changes of %s"), path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  tandem_git_diff_view_reload (self);

  return GTK_WIDGET (self);
}

/**
 * tandem_git_diff_view_new_for_commit:
 * @repository: the repository
 * @commit: the commit
 *
 * Returns: (transfer floating): a new diff view of every file @commit changed
 */
GtkWidget *
tandem_git_diff_view_new_for_commit (TandemGitRepository *repository,
                                     TandemGitCommit     *commit)
{
  TandemGitDiffView *self;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *label = NULL;
  const char *message;
  const char *body;
  GDateTime *time;

  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (repository), NULL);
  g_return_val_if_fail (TANDEM_IS_GIT_COMMIT (commit), NULL);

  self = tandem_git_diff_view_create (repository);
  self->commit = g_object_ref (commit);
  self->title = g_strdup_printf ("%s %s", tandem_git_commit_get_short_id (commit),
                                 tandem_git_commit_get_summary (commit));
  self->key = g_strconcat ("commit:", tandem_git_commit_get_id (commit), NULL);

  time = tandem_git_commit_get_time (commit);
  date = time != NULL ? g_date_time_format (time, "%x %X") : g_strdup ("");
  meta = g_strdup_printf ("%s <%s> · %s · %s",
                          tandem_git_commit_get_author_name (commit),
                          tandem_git_commit_get_author_email (commit),
                          date,
                          tandem_git_commit_get_short_id (commit));
  gtk_label_set_text (self->commit_summary, tandem_git_commit_get_summary (commit));
  gtk_label_set_text (self->commit_meta, meta);

  /* The message after its summary line. */
  message = tandem_git_commit_get_message (commit);
  body = message != NULL ? strchr (message, '\n') : NULL;
  if (body != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (body));

      gtk_label_set_text (self->commit_body, trimmed);
      gtk_widget_set_visible (GTK_WIDGET (self->commit_body), trimmed[0] != '\0');
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->commit_body), FALSE);
  gtk_widget_set_visible (self->commit_box, TRUE);

  label = g_strdup_printf (_("Changes of commit %s"), tandem_git_commit_get_short_id (commit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  tandem_git_diff_view_reload (self);

  return GTK_WIDGET (self);
}

const char *
tandem_git_diff_view_get_title (TandemGitDiffView *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_DIFF_VIEW (self), NULL);

  return self->title;
}

const char *
tandem_git_diff_view_get_key (TandemGitDiffView *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_DIFF_VIEW (self), NULL);

  return self->key;
}
