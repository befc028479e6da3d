/* tandem-git-panel.c
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

#define G_LOG_DOMAIN "tandem-git-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-git-branches.h"
#include "tandem-git-diff-view.h"
#include "tandem-git-error.h"
#include "tandem-git-gutter-renderer.h"
#include "tandem-git-history.h"
#include "tandem-git-identity-dialog.h"
#include "tandem-git-panel.h"
#include "tandem-git-panel-rows.h"
#include "tandem-git-prompt-dialog.h"
#include "tandem-git-remote.h"
#include "tandem-git-repository.h"

/* The Git page of the sidebar. Every change goes through TandemGitRepository (which runs
 * libgit2 on worker threads); the page only shows the latest TandemGitStatus and turns
 * clicks into async calls, showing each outcome as a plain message. */

#define SUMMARY_MAX_CHARS 50
/* Rows shown per section: thousands of untracked files must not freeze the window
 * (Stage All still takes them all). */
#define MAX_ROWS 100

typedef enum
{
  OPERATION_NONE,
  OPERATION_FETCH,
  OPERATION_PULL,
  OPERATION_PUSH,
} OperationKind;

typedef struct
{
  GtkWidget  *box;
  GtkLabel   *title;
  GtkButton  *all_button;
  GtkListBox *list;
  GtkLabel   *guidance;
  GtkLabel   *more;
  GListStore *rows;            /* the first MAX_ROWS files of the status' list */
} Section;

typedef struct
{
  GWeakRef  view;
  GFile    *file;
} PendingView;

struct _TandemGitPanel
{
  GtkWidget            parent_instance;

  /* Owned references */
  GFile               *root;
  TandemGitRepository *repository;
  TandemGitStatus     *status;
  TandemGitOperation  *operation;
  GCancellable        *cancellable;
  GPtrArray           *pending_views;
  char                *saved_draft;
  char                *head_id;

  /* Template children */
  GtkWidget           *box;
  GtkMenuButton       *branch_button;
  GtkLabel            *branch_label;
  GtkLabel            *sync_label;
  GtkWidget           *operation_box;
  GtkLabel            *operation_label;
  GtkProgressBar      *progress_bar;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  GtkStack            *view_stack;
  GtkBox              *sections_box;
  GtkLabel            *clean_label;
  TandemGitHistory    *history;
  GtkTextView         *message_view;
  GtkLabel            *message_hint;
  GtkLabel            *hint_label;
  GtkCheckButton      *amend_button;
  GtkButton           *commit_button;

  /* Owned by branch_button */
  TandemGitBranches   *branches;

  Section              sections[TANDEM_GIT_N_SECTIONS];
  OperationKind        operation_kind;
  guint                progress_source;

  guint                discovering : 1;
  guint                committing : 1;
  guint                loading_amend : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitPanel, tandem_git_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROOT,
  PROP_AVAILABLE,
  PROP_N_CHANGES,
  PROP_REPOSITORY,
  N_PROPS
};

enum {
  OPEN_FILE,
  OPEN_PAGE,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void tandem_git_panel_update_actions (TandemGitPanel *self);
static void tandem_git_panel_commit         (TandemGitPanel *self);

static void
pending_view_free (PendingView *pending)
{
  g_weak_ref_clear (&pending->view);
  g_clear_object (&pending->file);
  g_free (pending);
}

/* Whether the answer of an async call still matters: the panel was not disposed and the
 * call not cancelled. */
static gboolean
tandem_git_panel_is_live (TandemGitPanel *self,
                          const GError   *error)
{
  return self->repository != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
tandem_git_panel_show_message (TandemGitPanel *self,
                               const char     *text,
                               gboolean        is_error)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  gtk_label_set_text (self->message_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

/* An outcome: in the page, and as a toast when the page is not on screen. */
static void
tandem_git_panel_show_result (TandemGitPanel *self,
                              const char     *text)
{
  tandem_git_panel_show_message (self, text, FALSE);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_emit (self, signals[TOAST], 0, text);
}

/* Emits "open-page" with a new (floating) page widget. */
static void
tandem_git_panel_open_page (TandemGitPanel *self,
                            GtkWidget      *page,
                            const char     *title)
{
  g_object_ref_sink (page);
  g_signal_emit (self, signals[OPEN_PAGE], 0, page, title, "text-x-generic-symbolic");
  g_object_unref (page);
}

/* Status --------------------------------------------------------------------------- */

static void
tandem_git_panel_update_branch (TandemGitPanel *self)
{
  TandemGitStatus *status = self->status;
  g_autofree char *label = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *sync_tooltip = NULL;
  guint ahead, behind;

  if (status == NULL)
    {
      gtk_label_set_text (self->branch_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->sync_label), FALSE);
      return;
    }

  if (tandem_git_status_get_detached (status))
    /* Translators: %s is a short commit id */
    label = g_strdup_printf (_("Detached at %s"), tandem_git_status_get_head_short_id (status));
  else if (tandem_git_status_get_unborn (status))
    /* Translators: %s is a branch name */
    label = g_strdup_printf (_("%s (no commits yet)"), tandem_git_status_get_branch (status));
  else if (tandem_git_status_get_state (status) == TANDEM_GIT_STATE_MERGE)
    /* Translators: %s is a branch name; a merge is in progress */
    label = g_strdup_printf (_("%s (merging)"), tandem_git_status_get_branch (status));
  else
    label = g_strdup (tandem_git_status_get_branch (status));
  gtk_label_set_text (self->branch_label, label);

  ahead = tandem_git_status_get_ahead (status);
  behind = tandem_git_status_get_behind (status);
  if (tandem_git_status_get_upstream (status) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->sync_label), FALSE);
      return;
    }

  if (ahead > 0 && behind > 0)
    sync = g_strdup_printf ("↑%u ↓%u", ahead, behind);
  else if (ahead > 0)
    sync = g_strdup_printf ("↑%u", ahead);
  else if (behind > 0)
    sync = g_strdup_printf ("↓%u", behind);

  /* Translators: %u and %u are commit counts, %s the upstream branch ("origin/main") */
  sync_tooltip = g_strdup_printf (_("%u to push, %u to pull (%s)"), ahead, behind,
                                  tandem_git_status_get_upstream (status));
  gtk_label_set_text (self->sync_label, sync ? sync : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), sync_tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), sync != NULL);
}

static void
tandem_git_panel_apply_status (TandemGitPanel  *self,
                               TandemGitStatus *status)
{
  const char *head;
  guint n_changes;

  g_assert (TANDEM_IS_GIT_PANEL (self));
  g_assert (TANDEM_IS_GIT_STATUS (status));

  g_set_object (&self->status, status);
  tandem_git_panel_update_branch (self);

  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      Section *section = &self->sections[i];
      GListModel *model = tandem_git_status_get_files (status, i);
      guint n = g_list_model_get_n_items (model);
      g_autofree char *title = NULL;

      _tandem_git_panel_sync_rows (section->rows, model, MAX_ROWS);

      /* Translators: a section title and its number of files */
      title = g_strdup_printf (_("%s (%u)"), _tandem_git_panel_section_title (i), n);
      gtk_label_set_text (section->title, title);
      gtk_widget_set_visible (section->box, n > 0);

      if (n > MAX_ROWS)
        {
          g_autofree char *more = NULL;

          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more file", "…and %u more files",
                                               n - MAX_ROWS),
                                  n - MAX_ROWS);
          gtk_label_set_text (section->more, more);
        }
      gtk_widget_set_visible (GTK_WIDGET (section->more), n > MAX_ROWS);
    }

  if (tandem_git_status_get_state (status) == TANDEM_GIT_STATE_MERGE)
    gtk_label_set_text (self->sections[TANDEM_GIT_SECTION_CONFLICTS].guidance,
                        _("The merge stopped at conflicts. For each file, take our side, take "
                          "their side, or edit it and mark it resolved. Then commit to finish the merge."));
  else
    gtk_label_set_text (self->sections[TANDEM_GIT_SECTION_CONFLICTS].guidance,
                        _("Resolve each file: take our side, take their side, or edit it and mark it resolved."));

  n_changes = tandem_git_status_get_n_changes (status);
  gtk_widget_set_visible (GTK_WIDGET (self->clean_label), n_changes == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHANGES]);

  head = tandem_git_status_get_head_short_id (status);
  if (g_strcmp0 (head, self->head_id) != 0)
    {
      g_free (self->head_id);
      self->head_id = g_strdup (head);
      tandem_git_history_reload (self->history);
    }

  tandem_git_panel_update_actions (self);
}

static void
tandem_git_panel_status_changed_cb (TandemGitPanel      *self,
                                    TandemGitStatus     *status,
                                    TandemGitRepository *repository)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (status != NULL)
    tandem_git_panel_apply_status (self, status);
}

/* Discovery and gutters ------------------------------------------------------------ */

static void
tandem_git_panel_attach_now (TandemGitPanel *self,
                             GtkSourceView  *view,
                             GFile          *file)
{
  g_autofree char *relative = tandem_git_repository_get_relative_path (self->repository, file);

  if (relative != NULL && g_object_get_data (G_OBJECT (view), "tandem-git-gutter") == NULL)
    {
      tandem_git_gutter_renderer_attach (view, self->repository, relative);
      g_object_set_data (G_OBJECT (view), "tandem-git-gutter", GINT_TO_POINTER (TRUE));
    }
}

static void
tandem_git_panel_discovered_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(TandemGitRepository) repository = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  repository = tandem_git_repository_discover_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->discovering = FALSE;
  pending = g_steal_pointer (&self->pending_views);
  self->pending_views = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_view_free);

  if (repository == NULL)
    {
      if (error != NULL)
        g_debug ("No repository at %s: %s", g_file_peek_path (self->root), error->message);
      return;
    }

  self->repository = g_steal_pointer (&repository);
  g_signal_connect_object (self->repository, "status-changed",
                           G_CALLBACK (tandem_git_panel_status_changed_cb), self, G_CONNECT_SWAPPED);
  tandem_git_history_set_repository (self->history, self->repository);
  tandem_git_branches_set_repository (self->branches, self->repository);

  for (guint i = 0; i < pending->len; i++)
    {
      PendingView *p = g_ptr_array_index (pending, i);
      g_autoptr(GtkSourceView) view = g_weak_ref_get (&p->view);

      if (view != NULL)
        tandem_git_panel_attach_now (self, view, p->file);
    }

  if (tandem_git_repository_get_status (self->repository) != NULL)
    tandem_git_panel_apply_status (self, tandem_git_repository_get_status (self->repository));
  tandem_git_repository_queue_refresh (self->repository);

  tandem_git_panel_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* Index actions ------------------------------------------------------------------- */

static void
tandem_git_panel_index_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_git_repository_index_finish (TANDEM_GIT_REPOSITORY (object), result, &error) &&
      tandem_git_panel_is_live (self, error))
    tandem_git_panel_show_message (self, error->message, TRUE);
}

static void
tandem_git_panel_run_index (TandemGitPanel       *self,
                            TandemGitIndexAction  action,
                            const char * const   *paths)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (self->repository == NULL)
    return;

  tandem_git_repository_index_async (self->repository, action, paths, self->cancellable,
                                     tandem_git_panel_index_cb, g_object_ref (self));
}

typedef struct
{
  TandemGitPanel *self;
  char           *path;
} DiscardRequest;

static void
discard_request_free (DiscardRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->path);
  g_free (request);
}

static void
tandem_git_panel_discard_response_cb (AdwMessageDialog *dialog,
                                      const char       *response,
                                      DiscardRequest   *request)
{
  const char *paths[] = { request->path, NULL };

  if (g_strcmp0 (response, "confirm") == 0)
    tandem_git_panel_run_index (request->self, TANDEM_GIT_INDEX_DISCARD, paths);
}

static void
tandem_git_panel_confirm_discard (TandemGitPanel *self,
                                  const char     *path)
{
  gboolean untracked = FALSE;
  g_autofree char *heading = NULL;
  DiscardRequest *request;
  GListModel *model;

  if (self->status != NULL)
    {
      model = tandem_git_status_get_files (self->status, TANDEM_GIT_SECTION_UNTRACKED);
      for (guint i = 0; i < g_list_model_get_n_items (model) && !untracked; i++)
        {
          g_autoptr(TandemGitFileStatus) file = g_list_model_get_item (model, i);

          untracked = g_str_equal (tandem_git_file_status_get_path (file), path);
        }
    }

  heading = untracked ? g_strdup_printf (_("Delete “%s”?"), path)
                      : g_strdup_printf (_("Discard Changes to “%s”?"), path);
  request = g_new0 (DiscardRequest, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  tandem_git_confirm_destructive (GTK_WIDGET (self), heading,
                                  untracked ? _("The file is not tracked by git: it is deleted, and this cannot be undone.")
                                            : _("The file goes back to its staged or committed content. Your changes are lost, and this cannot be undone."),
                                  untracked ? _("_Delete") : _("_Discard"),
                                  G_CALLBACK (tandem_git_panel_discard_response_cb),
                                  request, (GDestroyNotify)discard_request_free);
}

static void
git_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  static const struct {
    const char           *name;
    TandemGitIndexAction  action;
  } actions[] = {
    { "git.stage", TANDEM_GIT_INDEX_STAGE },
    { "git.unstage", TANDEM_GIT_INDEX_UNSTAGE },
    { "git.take-ours", TANDEM_GIT_INDEX_TAKE_OURS },
    { "git.take-theirs", TANDEM_GIT_INDEX_TAKE_THEIRS },
    { "git.mark-resolved", TANDEM_GIT_INDEX_MARK_RESOLVED },
  };
  TandemGitPanel *self = TANDEM_GIT_PANEL (widget);
  const char *path = g_variant_get_string (param, NULL);
  const char *paths[] = { path, NULL };

  if (self->repository == NULL)
    return;

  if (g_str_equal (action_name, "git.discard"))
    {
      tandem_git_panel_confirm_discard (self, path);
      return;
    }

  if (g_str_equal (action_name, "git.open-file"))
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (tandem_git_repository_get_workdir (self->repository),
                                                            path);

      g_signal_emit (self, signals[OPEN_FILE], 0, file, -1);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action_name, actions[i].name))
      tandem_git_panel_run_index (self, actions[i].action, paths);
}

/* Stage All / Unstage All of one section: the paths listed there. */
static void
git_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (widget);
  TandemGitSection section = (TandemGitSection)g_variant_get_int32 (param);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GListModel *model;

  if (self->status == NULL || section >= TANDEM_GIT_SECTION_CONFLICTS)
    return;

  model = tandem_git_status_get_files (self->status, section);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TandemGitFileStatus) file = g_list_model_get_item (model, i);

      g_ptr_array_add (paths, (gpointer)tandem_git_file_status_get_path (file));
    }
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);

  /* The status (and so the strings) stays alive: the call copies the paths. */
  tandem_git_panel_run_index (self,
                              section == TANDEM_GIT_SECTION_STAGED ? TANDEM_GIT_INDEX_UNSTAGE
                                                                   : TANDEM_GIT_INDEX_STAGE,
                              (const char * const *)paths->pdata);
}

static void
tandem_git_panel_row_activated_cb (TandemGitPanel *self,
                                   GtkListBoxRow  *row,
                                   GtkListBox     *list)
{
  TandemGitFileStatus *file = g_object_get_data (G_OBJECT (row), "file-status");
  TandemGitSection section;
  GtkWidget *page;

  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (file == NULL || self->repository == NULL)
    return;

  section = tandem_git_file_status_get_section (file);
  if (section == TANDEM_GIT_SECTION_CONFLICTS)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "git.open-file", "s",
                                  tandem_git_file_status_get_path (file));
      return;
    }

  page = tandem_git_diff_view_new (self->repository, tandem_git_file_status_get_path (file),
                                   section == TANDEM_GIT_SECTION_STAGED);
  tandem_git_panel_open_page (self, page, tandem_git_diff_view_get_title (TANDEM_GIT_DIFF_VIEW (page)));
}

static void
tandem_git_panel_commit_activated_cb (TandemGitPanel   *self,
                                      TandemGitCommit  *commit,
                                      TandemGitHistory *history)
{
  GtkWidget *page;

  g_assert (TANDEM_IS_GIT_PANEL (self));
  g_assert (TANDEM_IS_GIT_COMMIT (commit));

  if (self->repository == NULL)
    return;

  page = tandem_git_diff_view_new_for_commit (self->repository, commit);
  tandem_git_panel_open_page (self, page, tandem_git_diff_view_get_title (TANDEM_GIT_DIFF_VIEW (page)));
}

/* Commit --------------------------------------------------------------------------- */

static char *
tandem_git_panel_dup_message (TandemGitPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->message_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
tandem_git_panel_set_message (TandemGitPanel *self,
                              const char     *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->message_view), text ? text : "", -1);
}

static void
tandem_git_panel_message_changed_cb (TandemGitPanel *self,
                                     GtkTextBuffer  *buffer)
{
  g_autofree char *text = tandem_git_panel_dup_message (self);
  const char *newline = strchr (text, '\n');
  glong summary_chars;

  g_assert (TANDEM_IS_GIT_PANEL (self));

  summary_chars = g_utf8_strlen (text, newline ? newline - text : -1);
  if (summary_chars > SUMMARY_MAX_CHARS)
    {
      g_autofree char *hint = NULL;

      /* Translators: %ld is a number of characters, %d the advised maximum */
      hint = g_strdup_printf (_("The summary line has %ld characters; keep it to %d and put details after an empty line."),
                              summary_chars, SUMMARY_MAX_CHARS);
      gtk_label_set_text (self->hint_label, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), summary_chars > SUMMARY_MAX_CHARS);
  gtk_widget_set_visible (GTK_WIDGET (self->message_hint), text[0] == '\0');
}

static void
tandem_git_panel_identity_saved_cb (TandemGitPanel *self,
                                    GtkWidget      *dialog)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (self->repository != NULL)
    tandem_git_panel_commit (self);
}

static void
tandem_git_panel_identity_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  tandem_git_repository_get_identity_finish (TANDEM_GIT_REPOSITORY (object), result, &name, &email, &error);
  if (!tandem_git_panel_is_live (self, error))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = tandem_git_identity_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->repository, name,
                                           email ? email : g_getenv ("EMAIL"));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (tandem_git_panel_identity_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tandem_git_panel_committed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = tandem_git_repository_commit_finish (TANDEM_GIT_REPOSITORY (object), result, &error);
  self->committing = FALSE;

  if (!tandem_git_panel_is_live (self, error))
    return;

  tandem_git_panel_update_actions (self);

  if (id == NULL)
    {
      if (g_error_matches (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_IDENTITY_MISSING))
        {
          tandem_git_panel_show_message (self, _("Git needs your name and email address for the commit."), FALSE);
          tandem_git_repository_get_identity_async (self->repository, self->cancellable,
                                                    tandem_git_panel_identity_loaded_cb,
                                                    g_object_ref (self));
        }
      else if (g_error_matches (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NOTHING_TO_COMMIT))
        tandem_git_panel_show_message (self, _("Nothing is staged. Stage the changes to commit first."), TRUE);
      else
        tandem_git_panel_show_message (self, error->message, TRUE);
      return;
    }

  {
    g_autofree char *short_id = g_strndup (id, 7);
    g_autofree char *text = NULL;

    /* Translators: %s is a short commit id */
    text = g_strdup_printf (_("Committed %s"), short_id);
    tandem_git_panel_show_result (self, text);
  }

  g_clear_pointer (&self->saved_draft, g_free);
  tandem_git_panel_set_message (self, "");
  if (gtk_check_button_get_active (self->amend_button))
    gtk_check_button_set_active (self->amend_button, FALSE);
  tandem_git_history_reload (self->history);
}

static void
tandem_git_panel_commit (TandemGitPanel *self)
{
  g_autofree char *message = NULL;
  g_autofree char *trimmed = NULL;

  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (self->repository == NULL || self->committing)
    return;

  message = tandem_git_panel_dup_message (self);
  trimmed = g_strstrip (g_strdup (message));
  if (trimmed[0] == '\0')
    {
      tandem_git_panel_show_message (self, _("Write a commit message first: a short summary of the change."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->message_view));
      return;
    }

  self->committing = TRUE;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  tandem_git_panel_update_actions (self);
  tandem_git_repository_commit_async (self->repository, message,
                                      gtk_check_button_get_active (self->amend_button),
                                      self->cancellable, tandem_git_panel_committed_cb,
                                      g_object_ref (self));
}

static void
tandem_git_panel_head_loaded_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(TandemGitCommit) commit = NULL;
  g_autoptr(GError) error = NULL;

  commit = tandem_git_repository_head_commit_finish (TANDEM_GIT_REPOSITORY (object), result, &error);
  self->loading_amend = FALSE;
  if (!tandem_git_panel_is_live (self, error) || !gtk_check_button_get_active (self->amend_button))
    return;

  if (commit == NULL)
    {
      tandem_git_panel_show_message (self, error ? error->message : _("There is no commit to amend yet."), TRUE);
      gtk_check_button_set_active (self->amend_button, FALSE);
      return;
    }

  {
    g_autofree char *message = g_strdup (tandem_git_commit_get_message (commit));

    g_strchomp (message);
    g_free (self->saved_draft);
    self->saved_draft = tandem_git_panel_dup_message (self);
    tandem_git_panel_set_message (self, message);
  }
}

static void
tandem_git_panel_amend_toggled_cb (TandemGitPanel *self,
                                   GtkCheckButton *button)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (self->repository == NULL)
    return;

  if (gtk_check_button_get_active (button))
    {
      if (self->loading_amend)
        return;
      self->loading_amend = TRUE;
      tandem_git_repository_head_commit_async (self->repository, self->cancellable,
                                               tandem_git_panel_head_loaded_cb, g_object_ref (self));
    }
  else if (self->saved_draft != NULL)
    {
      g_autofree char *draft = g_steal_pointer (&self->saved_draft);

      tandem_git_panel_set_message (self, draft);
    }
}

/* Fetch, pull, push ---------------------------------------------------------------- */

static gboolean
tandem_git_panel_progress_cb (gpointer user_data)
{
  TandemGitPanel *self = user_data;
  double fraction;
  const char *text;

  if (self->operation == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }

  fraction = tandem_git_operation_get_fraction (self->operation);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));

  text = tandem_git_operation_get_text (self->operation);
  if (text != NULL && text[0] != '\0')
    gtk_label_set_text (self->operation_label, text);

  return G_SOURCE_CONTINUE;
}

static void
tandem_git_panel_prompt_cb (TandemGitPanel     *self,
                            TandemGitPrompt    *prompt,
                            TandemGitOperation *operation)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (TANDEM_IS_GIT_PANEL (self));

  tandem_git_prompt_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, prompt);
}

static char *
tandem_git_panel_describe_error (OperationKind  kind,
                                 const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Cancelled."));

  if (error->domain == TANDEM_GIT_ERROR)
    {
      switch (error->code)
        {
        case TANDEM_GIT_ERROR_CONFLICTS:
          return g_strdup (_("The pull stopped at merge conflicts: see Conflicts below. For each file, take "
                             "our side, take their side, or edit it and mark it resolved; then commit."));
        case TANDEM_GIT_ERROR_NON_FAST_FORWARD:
          return g_strdup (_("The remote has commits that you do not have yet: pull first, then push again."));
        case TANDEM_GIT_ERROR_REJECTED:
          /* Translators: %s is the server's reason */
          return g_strdup_printf (_("The server refused the push: %s"), error->message);
        case TANDEM_GIT_ERROR_WOULD_OVERWRITE:
          /* Translators: %s names the files */
          return g_strdup_printf (_("Not pulled: your local changes would be overwritten. Commit or discard them first. %s"),
                                  error->message);
        default:
          break;
        }
    }

  switch (kind)
    {
    case OPERATION_FETCH:
      /* Translators: %s is the reason */
      return g_strdup_printf (_("Fetch failed: %s"), error->message);
    case OPERATION_PULL:
      /* Translators: %s is the reason */
      return g_strdup_printf (_("Pull failed: %s"), error->message);
    case OPERATION_PUSH:
      /* Translators: %s is the reason */
      return g_strdup_printf (_("Push failed: %s"), error->message);
    case OPERATION_NONE:
    default:
      return g_strdup (error->message);
    }
}

static void
tandem_git_panel_operation_done_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  OperationKind kind = self->operation_kind;
  const char *text = NULL;
  gboolean ok = FALSE;

  switch (kind)
    {
    case OPERATION_FETCH:
      ok = tandem_git_repository_fetch_finish (repository, result, &error);
      text = _("Fetched: the remote branches are up to date.");
      break;

    case OPERATION_PULL:
      {
        TandemGitPullResult pulled = tandem_git_repository_pull_finish (repository, result, &error);

        ok = error == NULL;
        if (pulled == TANDEM_GIT_PULL_FAST_FORWARD)
          text = _("Fast-forwarded to the remote’s commits.");
        else if (pulled == TANDEM_GIT_PULL_MERGED)
          text = _("Merged the remote’s commits.");
        else
          text = _("Already up to date.");
      }
      break;

    case OPERATION_PUSH:
      ok = tandem_git_repository_push_finish (repository, result, &error);
      text = _("Pushed.");
      break;

    case OPERATION_NONE:
    default:
      g_assert_not_reached ();
    }

  g_clear_object (&self->operation);
  self->operation_kind = OPERATION_NONE;
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->repository == NULL)
    return;

  gtk_widget_set_visible (self->operation_box, FALSE);
  tandem_git_panel_update_actions (self);
  tandem_git_repository_queue_refresh (self->repository);

  if (ok)
    tandem_git_panel_show_result (self, text);
  else
    {
      g_autofree char *message = tandem_git_panel_describe_error (kind, error);

      tandem_git_panel_show_message (self, message, !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    }

  if (kind == OPERATION_PULL)
    tandem_git_history_reload (self->history);
}

static void
tandem_git_panel_start_operation (TandemGitPanel *self,
                                  OperationKind   kind)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (self->repository == NULL || self->operation != NULL)
    return;

  self->operation = tandem_git_operation_new ();
  self->operation_kind = kind;
  g_signal_connect_object (self->operation, "prompt",
                           G_CALLBACK (tandem_git_panel_prompt_cb), self, G_CONNECT_SWAPPED);

  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->operation_label,
                      kind == OPERATION_FETCH ? _("Fetching…") :
                      kind == OPERATION_PULL ? _("Pulling…") : _("Pushing…"));
  gtk_widget_set_visible (self->operation_box, TRUE);
  self->progress_source = g_timeout_add (100, tandem_git_panel_progress_cb, self);
  tandem_git_panel_update_actions (self);

  switch (kind)
    {
    case OPERATION_FETCH:
      tandem_git_repository_fetch_async (self->repository, self->operation,
                                         tandem_git_panel_operation_done_cb, g_object_ref (self));
      break;

    case OPERATION_PULL:
      tandem_git_repository_pull_async (self->repository, self->operation,
                                        tandem_git_panel_operation_done_cb, g_object_ref (self));
      break;

    case OPERATION_PUSH:
      tandem_git_repository_push_async (self->repository, self->operation,
                                        tandem_git_panel_operation_done_cb, g_object_ref (self));
      break;

    case OPERATION_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
git_remote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (widget);

  if (g_str_equal (action_name, "git.fetch"))
    tandem_git_panel_start_operation (self, OPERATION_FETCH);
  else if (g_str_equal (action_name, "git.pull"))
    tandem_git_panel_start_operation (self, OPERATION_PULL);
  else if (g_str_equal (action_name, "git.push"))
    tandem_git_panel_start_operation (self, OPERATION_PUSH);
  else if (g_str_equal (action_name, "git.cancel") && self->operation != NULL)
    tandem_git_operation_cancel (self->operation);
}

static void
git_commit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  tandem_git_panel_commit (TANDEM_GIT_PANEL (widget));
}

static void
git_branches_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (widget);

  if (self->repository == NULL)
    return;

  /* Shown already: list again, the repository may have changed meanwhile. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->branches)))
    tandem_git_branches_reload (self->branches);
  else
    gtk_menu_button_popup (self->branch_button);
}

static void
git_dismiss_message_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (widget);

  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
tandem_git_panel_branches_message_cb (TandemGitPanel    *self,
                                      const char        *text,
                                      gboolean           is_error,
                                      TandemGitBranches *branches)
{
  g_assert (TANDEM_IS_GIT_PANEL (self));

  if (is_error)
    tandem_git_panel_show_message (self, text, TRUE);
  else
    {
      tandem_git_panel_show_result (self, text);
      tandem_git_history_reload (self->history);
    }
}

static void
tandem_git_panel_update_actions (TandemGitPanel *self)
{
  gboolean has_repo = self->repository != NULL;
  gboolean idle = has_repo && self->operation == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.fetch", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.pull", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.push", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.cancel", self->operation != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.commit", has_repo && !self->committing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "git.branches", has_repo);
  gtk_widget_set_sensitive (GTK_WIDGET (self->branch_button), has_repo);
}

/* Public API ----------------------------------------------------------------------- */

/**
 * tandem_git_panel_new:
 * @root: the project folder
 *
 * Returns: (transfer floating): the Git page; its "available" property turns %TRUE when
 *   @root is inside a work tree
 */
GtkWidget *
tandem_git_panel_new (GFile *root)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);

  return g_object_new (TANDEM_TYPE_GIT_PANEL, "root", root, NULL);
}

void
tandem_git_panel_refresh (GtkWidget *panel)
{
  TandemGitPanel *self = (TandemGitPanel *)panel;

  g_return_if_fail (TANDEM_IS_GIT_PANEL (self));

  if (self->repository != NULL)
    tandem_git_repository_queue_refresh (self->repository);
}

void
tandem_git_panel_attach_view (GtkWidget     *panel,
                              GtkSourceView *view,
                              GFile         *file)
{
  TandemGitPanel *self = (TandemGitPanel *)panel;

  g_return_if_fail (TANDEM_IS_GIT_PANEL (self));
  g_return_if_fail (GTK_SOURCE_IS_VIEW (view));
  g_return_if_fail (G_IS_FILE (file));

  if (self->repository != NULL)
    tandem_git_panel_attach_now (self, view, file);
  else if (self->discovering)
    {
      PendingView *pending = g_new0 (PendingView, 1);

      g_weak_ref_init (&pending->view, view);
      pending->file = g_object_ref (file);
      g_ptr_array_add (self->pending_views, pending);
    }
}

void
tandem_git_panel_focus (GtkWidget *panel)
{
  TandemGitPanel *self = (TandemGitPanel *)panel;

  g_return_if_fail (TANDEM_IS_GIT_PANEL (self));

  gtk_stack_set_visible_child_name (self->view_stack, "changes");
  gtk_widget_grab_focus (GTK_WIDGET (self->message_view));
}

void
tandem_git_panel_activate (GtkWidget  *panel,
                           const char *what)
{
  TandemGitPanel *self = (TandemGitPanel *)panel;
  g_autofree char *action = NULL;

  g_return_if_fail (TANDEM_IS_GIT_PANEL (self));
  g_return_if_fail (what != NULL);

  action = g_strconcat ("git.", what, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* GObject --------------------------------------------------------------------------- */

static void
tandem_git_panel_constructed (GObject *object)
{
  TandemGitPanel *self = (TandemGitPanel *)object;

  G_OBJECT_CLASS (tandem_git_panel_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->root));

  self->discovering = TRUE;
  tandem_git_repository_discover_async (self->root, self->cancellable,
                                        tandem_git_panel_discovered_cb, g_object_ref (self));
}

static void
tandem_git_panel_dispose (GObject *object)
{
  TandemGitPanel *self = (TandemGitPanel *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->operation != NULL)
    tandem_git_operation_cancel (self->operation);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      if (self->sections[i].list != NULL)
        gtk_list_box_bind_model (self->sections[i].list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->sections[i].rows);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_GIT_PANEL);
  memset (self->sections, 0, sizeof self->sections);
  self->branches = NULL;

  g_clear_object (&self->repository);
  g_clear_object (&self->status);
  g_clear_object (&self->operation);
  g_clear_pointer (&self->pending_views, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_git_panel_parent_class)->dispose (object);
}

static void
tandem_git_panel_finalize (GObject *object)
{
  TandemGitPanel *self = (TandemGitPanel *)object;

  g_clear_object (&self->root);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->saved_draft, g_free);
  g_clear_pointer (&self->head_id, g_free);

  G_OBJECT_CLASS (tandem_git_panel_parent_class)->finalize (object);
}

static void
tandem_git_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->repository != NULL);
      break;

    case PROP_N_CHANGES:
      g_value_set_uint (value, self->status ? tandem_git_status_get_n_changes (self->status) : 0);
      break;

    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemGitPanel *self = TANDEM_GIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      self->root = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_panel_class_init (TandemGitPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_git_panel_constructed;
  object_class->dispose = tandem_git_panel_dispose;
  object_class->finalize = tandem_git_panel_finalize;
  object_class->get_property = tandem_git_panel_get_property;
  object_class->set_property = tandem_git_panel_set_property;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_CHANGES] =
    g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, TANDEM_TYPE_GIT_REPOSITORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT);
  signals[OPEN_PAGE] =
    g_signal_new ("open-page",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, GTK_TYPE_WIDGET,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemide/Tandem/git/tandem-git-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, branch_button);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, branch_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, sync_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, operation_box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, operation_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, sections_box);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, clean_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, history);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, message_view);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, message_hint);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, amend_button);
  gtk_widget_class_bind_template_child (widget_class, TandemGitPanel, commit_button);

  gtk_widget_class_install_action (widget_class, "git.stage", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.unstage", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.discard", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.open-file", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.take-ours", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.take-theirs", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.mark-resolved", "s", git_file_action);
  gtk_widget_class_install_action (widget_class, "git.stage-section", "i", git_section_action);
  gtk_widget_class_install_action (widget_class, "git.fetch", NULL, git_remote_action);
  gtk_widget_class_install_action (widget_class, "git.pull", NULL, git_remote_action);
  gtk_widget_class_install_action (widget_class, "git.push", NULL, git_remote_action);
  gtk_widget_class_install_action (widget_class, "git.cancel", NULL, git_remote_action);
  gtk_widget_class_install_action (widget_class, "git.commit", NULL, git_commit_action);
  gtk_widget_class_install_action (widget_class, "git.branches", NULL, git_branches_action);
  gtk_widget_class_install_action (widget_class, "git.dismiss-message", NULL, git_dismiss_message_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gitpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (TANDEM_TYPE_GIT_HISTORY);
}

static void
tandem_git_panel_build_sections (TandemGitPanel *self)
{
  for (guint i = 0; i < TANDEM_GIT_N_SECTIONS; i++)
    {
      Section *section = &self->sections[i];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      section->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_visible (section->box, FALSE);

      section->title = GTK_LABEL (gtk_label_new (_tandem_git_panel_section_title (i)));
      gtk_label_set_xalign (section->title, 0);
      gtk_widget_set_hexpand (GTK_WIDGET (section->title), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (section->title), "heading");
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (section->title));

      if (i != TANDEM_GIT_SECTION_CONFLICTS)
        {
          const char *label = i == TANDEM_GIT_SECTION_STAGED ? _("Unstage All") : _("Stage All");

          section->all_button = GTK_BUTTON (gtk_button_new_with_label (label));
          gtk_widget_add_css_class (GTK_WIDGET (section->all_button), "flat");
          gtk_widget_add_css_class (GTK_WIDGET (section->all_button), "caption");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (section->all_button), "git.stage-section");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (section->all_button), "i", (gint32)i);
          gtk_box_append (GTK_BOX (header), GTK_WIDGET (section->all_button));
        }
      gtk_box_append (GTK_BOX (section->box), header);

      if (i == TANDEM_GIT_SECTION_CONFLICTS)
        {
          section->guidance = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_wrap (section->guidance, TRUE);
          gtk_label_set_xalign (section->guidance, 0);
          gtk_widget_add_css_class (GTK_WIDGET (section->guidance), "caption");
          gtk_widget_add_css_class (GTK_WIDGET (section->guidance), "warning");
          gtk_box_append (GTK_BOX (section->box), GTK_WIDGET (section->guidance));
        }

      section->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (section->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (section->list), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _tandem_git_panel_section_title (i), -1);
      g_signal_connect_object (section->list, "row-activated",
                               G_CALLBACK (tandem_git_panel_row_activated_cb), self, G_CONNECT_SWAPPED);
      section->rows = g_list_store_new (TANDEM_TYPE_GIT_FILE_STATUS);
      gtk_list_box_bind_model (section->list, G_LIST_MODEL (section->rows),
                               _tandem_git_panel_create_row, self, NULL);
      gtk_box_append (GTK_BOX (section->box), GTK_WIDGET (section->list));

      section->more = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (section->more, 0);
      gtk_widget_add_css_class (GTK_WIDGET (section->more), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (section->more), FALSE);
      gtk_box_append (GTK_BOX (section->box), GTK_WIDGET (section->more));
    }

  /* Conflicts first: they block everything else. */
  gtk_box_prepend (self->sections_box, self->sections[TANDEM_GIT_SECTION_CONFLICTS].box);
  for (guint i = TANDEM_GIT_SECTION_STAGED; i < TANDEM_GIT_SECTION_CONFLICTS; i++)
    gtk_box_insert_child_after (self->sections_box, self->sections[i].box,
                                i == 0 ? self->sections[TANDEM_GIT_SECTION_CONFLICTS].box
                                       : self->sections[i - 1].box);
}

static void
tandem_git_panel_init (TandemGitPanel *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_views = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_view_free);

  tandem_git_panel_build_sections (self);

  self->branches = TANDEM_GIT_BRANCHES (tandem_git_branches_new ());
  gtk_menu_button_set_popover (self->branch_button, GTK_WIDGET (self->branches));
  g_signal_connect_object (self->branches, "message",
                           G_CALLBACK (tandem_git_panel_branches_message_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->history, "commit-activated",
                           G_CALLBACK (tandem_git_panel_commit_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->message_view), "changed",
                           G_CALLBACK (tandem_git_panel_message_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->amend_button, "toggled",
                           G_CALLBACK (tandem_git_panel_amend_toggled_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter commits from the message; caught before the text view adds a newline. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("git.commit")));
  gtk_widget_add_controller (GTK_WIDGET (self->message_view), shortcuts);

  gtk_widget_set_sensitive (GTK_WIDGET (self->branch_button), FALSE);
  tandem_git_panel_update_actions (self);
}
