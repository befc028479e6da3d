/* tandem-window.c
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

#define G_LOG_DOMAIN "tandem-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-application.h"
#include "tandem-document.h"
#include "tandem-draft-store.h"
#include "tandem-editor-page.h"
#include "tandem-file-index.h"
#include "tandem-file-tree.h"
#include "tandem-file-tree-panel.h"
#include "tandem-greeter.h"
#include "tandem-module.h"
#include "tandem-quick-open.h"
#include "tandem-recent-projects.h"
#include "tandem-save-dialog.h"
#include "tandem-utils.h"
#include "tandem-window.h"
#include "tandem-window-git.h"

/* Entry points of the terminal module (src/terminal), looked up on first use. */
typedef GtkWidget *(*TandemTerminalPanelNew)        (GFile     *root);
typedef void       (*TandemTerminalPanelOpenIn)     (GtkWidget *panel,
                                                     GFile     *directory);
typedef void       (*TandemTerminalPanelAction)     (GtkWidget *panel);

/* Entry points of the AI module (src/ai/tandem-ai-chat-panel.h), looked up on first use. */
typedef GtkWidget *(*TandemAiPanelNew)         (GFile         *root);
typedef void       (*TandemAiPanelSetEditor)   (GtkWidget     *panel,
                                                GtkTextBuffer *buffer,
                                                GFile         *file,
                                                const char    *language);
typedef void       (*TandemAiPanelQuickAction) (GtkWidget     *panel,
                                                int            action);
typedef void       (*TandemAiPanelFocus)       (GtkWidget     *panel);

typedef struct
{
  TandemAiPanelNew         panel_new;
  TandemAiPanelSetEditor   set_editor;
  TandemAiPanelQuickAction quick_action;
  TandemAiPanelFocus       focus;
} AiModule;

typedef struct
{
  TandemTerminalPanelNew     panel_new;
  TandemTerminalPanelOpenIn  open_in;
  TandemTerminalPanelAction  run;
  TandemTerminalPanelAction  stop;
  TandemTerminalPanelAction  edit_run_command;
  TandemTerminalPanelAction  focus;
} TerminalModule;

struct _TandemWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned references */
  GFile                *project_root;
  TandemFileTree       *tree;
  TandemFileIndex      *file_index;
  GSettings            *settings;
  GCancellable         *cancellable;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  TandemGreeter        *greeter;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkPaned             *paned;
  GtkWidget            *sidebar_switcher;
  AdwViewStack         *sidebar_stack;
  TandemFileTreePanel  *tree_panel;
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  GtkStack             *content_stack;
  GtkButton            *save_button;
  GtkPaned             *editor_paned;
  GtkToggleButton      *terminal_button;
  GtkToggleButton      *ai_button;
  GMenuModel           *ai_menu;
  GtkPaned             *ai_paned;
  GtkButton            *run_button;
  GtkButton            *stop_button;

  /* Owned by editor_paned once created */
  GtkWidget            *terminal_panel;
  TerminalModule        terminal;
  GtkWidget            *ai_panel;
  AiModule              ai;
  TandemWindowGit      *git;

  guint                 closing_confirmed : 1;
  guint                 terminal_positioned : 1;
};

G_DEFINE_FINAL_TYPE (TandemWindow, tandem_window, ADW_TYPE_APPLICATION_WINDOW)

static void tandem_window_update_actions   (TandemWindow *self);
static void tandem_window_update_ai_editor (TandemWindow *self);

/* Per tab state that must wait for the document to load. */
typedef struct
{
  GWeakRef  window;
  GWeakRef  page;
  char     *draft_id;
  int       line;
  int       line_offset;
} LoadState;

static void
load_state_free (LoadState *state)
{
  g_weak_ref_clear (&state->window);
  g_weak_ref_clear (&state->page);
  g_free (state->draft_id);
  g_free (state);
}

/* The editor of a tab, or %NULL for a tab that shows something else (a git diff). */
static TandemEditorPage *
tab_get_editor (AdwTabPage *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  return TANDEM_IS_EDITOR_PAGE (child) ? TANDEM_EDITOR_PAGE (child) : NULL;
}

TandemWindowGit *
_tandem_window_get_git (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->git;
}

void
tandem_window_add_toast (TandemWindow *self,
                         const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static TandemApplication *
tandem_window_get_app (TandemWindow *self)
{
  return TANDEM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
tandem_window_queue_session_save (TandemWindow *self)
{
  TandemApplication *app = tandem_window_get_app (self);

  if (app != NULL && self->project_root != NULL)
    tandem_application_queue_session_save (app);
}

TandemEditorPage *
tandem_window_get_active_page (TandemWindow *self)
{
  AdwTabPage *page;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  page = adw_tab_view_get_selected_page (self->tab_view);
  if (page == NULL)
    return NULL;

  return tab_get_editor (page);
}

/**
 * tandem_window_list_pages:
 *
 * Returns: (transfer container) (element-type TandemEditorPage): the pages, in tab order
 */
GPtrArray *
tandem_window_list_pages (TandemWindow *self)
{
  GPtrArray *pages;
  int n;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  pages = g_ptr_array_new_with_free_func (g_object_unref);
  n = adw_tab_view_get_n_pages (self->tab_view);
  for (int i = 0; i < n; i++)
    {
      TandemEditorPage *editor = tab_get_editor (adw_tab_view_get_nth_page (self->tab_view, i));

      if (editor != NULL)
        g_ptr_array_add (pages, g_object_ref (editor));
    }

  return pages;
}

/**
 * tandem_window_list_modified:
 *
 * Returns: (transfer container) (element-type TandemDocument): documents with unsaved changes
 */
GPtrArray *
tandem_window_list_modified (TandemWindow *self)
{
  g_autoptr(GPtrArray) pages = NULL;
  GPtrArray *documents;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  pages = tandem_window_list_pages (self);
  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pages->len; i++)
    {
      TandemDocument *document = tandem_editor_page_get_document (g_ptr_array_index (pages, i));

      if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
        g_ptr_array_add (documents, g_object_ref (document));
    }

  return documents;
}

static AdwTabPage *
tandem_window_find_tab_for_file (TandemWindow *self,
                                 GFile        *file)
{
  int n = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      TandemEditorPage *editor = tab_get_editor (page);
      GFile *doc_file = editor ? tandem_document_get_file (tandem_editor_page_get_document (editor)) : NULL;

      if (doc_file != NULL && g_file_equal (doc_file, file))
        return page;
    }

  return NULL;
}

static AdwTabPage *
tandem_window_find_tab_for_draft (TandemWindow *self,
                                  const char   *draft_id)
{
  int n = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      TandemEditorPage *editor = tab_get_editor (page);

      if (editor != NULL &&
          g_strcmp0 (tandem_document_get_draft_id (tandem_editor_page_get_document (editor)), draft_id) == 0)
        return page;
    }

  return NULL;
}

static void
tandem_window_update_tab (TandemWindow   *self,
                          TandemDocument *document)
{
  int n = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      TandemEditorPage *editor = tab_get_editor (page);

      if (editor != NULL && tandem_editor_page_get_document (editor) == document)
        {
          g_autofree char *title = tandem_document_dup_title (document);
          g_autofree char *label = NULL;
          g_autofree char *tooltip = NULL;
          GFile *file = tandem_document_get_file (document);
          gboolean modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document));

          /* Translators: the tab title of a file with unsaved changes */
          label = modified ? g_strdup_printf (_("• %s"), title) : g_strdup (title);
          adw_tab_page_set_title (page, label);
          adw_tab_page_set_loading (page, tandem_document_get_loading (document));

          if (tandem_document_get_deleted (document))
            tooltip = g_strdup_printf (_("%s (deleted on disk)"), title);
          else if (file != NULL)
            tooltip = tandem_path_for_display (file);
          else
            tooltip = g_strdup (_("Not saved yet"));
          adw_tab_page_set_tooltip (page, tooltip);

          if (tandem_document_get_deleted (document))
            {
              g_autoptr(GIcon) icon = g_themed_icon_new ("dialog-warning-symbolic");
              adw_tab_page_set_indicator_icon (page, icon);
            }
          else
            adw_tab_page_set_indicator_icon (page, NULL);
          break;
        }
    }

  if (tandem_window_get_active_page (self) != NULL &&
      tandem_editor_page_get_document (tandem_window_get_active_page (self)) == document)
    tandem_window_update_actions (self);
}

static void
tandem_window_document_changed_cb (TandemWindow   *self,
                                   GParamSpec     *pspec,
                                   TandemDocument *document)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (TANDEM_IS_DOCUMENT (document));

  tandem_window_update_tab (self, document);

  /* A new file name, or a draft id that appeared or went away, changes the session. */
  if (g_strcmp0 (pspec->name, "title") == 0 || g_strcmp0 (pspec->name, "file") == 0)
    tandem_window_queue_session_save (self);
}

static void
tandem_window_modified_changed_cb (TandemWindow   *self,
                                   TandemDocument *document)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (TANDEM_IS_DOCUMENT (document));

  tandem_window_update_tab (self, document);
  tandem_window_queue_session_save (self);
}

static void
tandem_window_page_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  TandemDocument *document = TANDEM_DOCUMENT (object);
  LoadState *state = user_data;
  g_autoptr(TandemWindow) self = g_weak_ref_get (&state->window);
  g_autoptr(TandemEditorPage) page = g_weak_ref_get (&state->page);
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = tandem_document_load_finish (document, result, &error);

  if (self == NULL || page == NULL)
    {
      load_state_free (state);
      return;
    }

  if (!loaded && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A file that went away since the session was saved still has its draft. */
      if (state->draft_id == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          tandem_editor_page_show_error (page, error);
          load_state_free (state);
          tandem_window_update_tab (self, document);
          return;
        }
    }

  if (state->draft_id != NULL)
    {
      g_autoptr(GError) draft_error = NULL;

      if (!tandem_document_restore_draft (document, state->draft_id, &draft_error))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_("Unsaved changes could not be restored: %s"),
                                     draft_error->message);
          tandem_window_add_toast (self, message);
        }
    }

  if (state->line >= 0)
    tandem_editor_page_goto (page, state->line, MAX (state->line_offset, 0));

  tandem_window_update_tab (self, document);
  load_state_free (state);
}

static void
tandem_window_page_close_response_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(AdwTabPage) page = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *child = adw_tab_page_get_child (page);
  TandemWindow *self = TANDEM_WINDOW (gtk_widget_get_ancestor (child, TANDEM_TYPE_WINDOW));
  gboolean proceed;

  proceed = tandem_save_dialog_run_finish (result, &error);

  if (self == NULL)
    return;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason */
      message = g_strdup_printf (_("Could not save: %s"), error->message);
      tandem_window_add_toast (self, message);
    }

  adw_tab_view_close_page_finish (self->tab_view, page, proceed);
}

static gboolean
tandem_window_tab_view_close_page_cb (TandemWindow *self,
                                      AdwTabPage   *page,
                                      AdwTabView   *tab_view)
{
  TandemEditorPage *editor;
  TandemDocument *document;
  g_autoptr(GPtrArray) documents = NULL;

  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (ADW_IS_TAB_PAGE (page));

  /* A git diff holds nothing to save. */
  editor = tab_get_editor (page);
  if (editor == NULL)
    {
      adw_tab_view_close_page_finish (tab_view, page, TRUE);
      return GDK_EVENT_STOP;
    }
  document = tandem_editor_page_get_document (editor);

  if (self->closing_confirmed || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    {
      adw_tab_view_close_page_finish (tab_view, page, TRUE);
      return GDK_EVENT_STOP;
    }

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (documents, g_object_ref (document));
  tandem_save_dialog_run_async (GTK_WINDOW (self), documents, self->cancellable,
                                tandem_window_page_close_response_cb, g_object_ref (page));

  return GDK_EVENT_STOP;
}

static void
tandem_window_tab_view_n_pages_cb (TandemWindow *self,
                                   GParamSpec   *pspec,
                                   AdwTabView   *tab_view)
{
  g_assert (TANDEM_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->content_stack,
                                    adw_tab_view_get_n_pages (tab_view) > 0 ? "tabs" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), adw_tab_view_get_n_pages (tab_view) > 0);
  tandem_window_update_actions (self);
  tandem_window_queue_session_save (self);
}

static void
tandem_window_tab_view_selected_cb (TandemWindow *self,
                                    GParamSpec   *pspec,
                                    AdwTabView   *tab_view)
{
  TandemEditorPage *page;

  g_assert (TANDEM_IS_WINDOW (self));

  tandem_window_update_actions (self);
  tandem_window_update_ai_editor (self);

  page = tandem_window_get_active_page (self);
  if (page != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (page));
  else if (adw_tab_view_get_selected_page (tab_view) != NULL)
    gtk_widget_grab_focus (adw_tab_page_get_child (adw_tab_view_get_selected_page (tab_view)));
  tandem_window_queue_session_save (self);
}

static TandemEditorPage *
tandem_window_add_document (TandemWindow   *self,
                            TandemDocument *document,
                            gboolean        select)
{
  TandemEditorPage *page;
  AdwTabPage *tab;

  page = tandem_editor_page_new (document);
  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  /* Right-click on code offers the assistant's quick actions. */
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (tandem_editor_page_get_view (page)), self->ai_menu);

  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (tandem_window_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file",
                           G_CALLBACK (tandem_window_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::loading",
                           G_CALLBACK (tandem_window_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::deleted",
                           G_CALLBACK (tandem_window_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "modified-changed",
                           G_CALLBACK (tandem_window_modified_changed_cb), self, G_CONNECT_SWAPPED);

  tandem_window_update_tab (self, document);
  _tandem_window_git_attach_page (self->git, page);

  if (select)
    {
      adw_tab_view_set_selected_page (self->tab_view, tab);
      gtk_widget_grab_focus (GTK_WIDGET (page));
    }

  return page;
}

static TandemEditorPage *
tandem_window_open_document (TandemWindow *self,
                             GFile        *file,
                             const char   *draft_id,
                             int           line,
                             int           line_offset,
                             gboolean      select)
{
  g_autoptr(TandemDocument) document = NULL;
  TandemEditorPage *page;
  LoadState *state;

  document = tandem_document_new (file, self->project_root);
  page = tandem_window_add_document (self, document, select);

  state = g_new0 (LoadState, 1);
  g_weak_ref_init (&state->window, self);
  g_weak_ref_init (&state->page, page);
  state->draft_id = g_strdup (draft_id);
  state->line = line;
  state->line_offset = line_offset;

  if (file != NULL)
    {
      tandem_document_load_async (document, self->cancellable,
                                  tandem_window_page_loaded_cb, state);
    }
  else
    {
      if (draft_id != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!tandem_document_restore_draft (document, draft_id, &error))
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("Unsaved changes could not be restored: %s"),
                                         error->message);
              tandem_window_add_toast (self, message);
            }
        }
      if (line >= 0)
        tandem_editor_page_goto (page, line, MAX (line_offset, 0));
      tandem_window_update_tab (self, document);
      load_state_free (state);
    }

  return page;
}

/**
 * tandem_window_open_file:
 * @file: the file to open
 * @line: 0-based line to move to, or -1
 * @line_offset: 0-based column on @line
 *
 * Selects the tab of @file, opening it when it is not open yet.
 *
 * Returns: (transfer none): the page
 */
TandemEditorPage *
tandem_window_open_file (TandemWindow *self,
                         GFile        *file,
                         int           line,
                         int           line_offset)
{
  AdwTabPage *tab;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  tab = tandem_window_find_tab_for_file (self, file);
  if (tab != NULL)
    {
      TandemEditorPage *page = TANDEM_EDITOR_PAGE (adw_tab_page_get_child (tab));

      adw_tab_view_set_selected_page (self->tab_view, tab);
      if (line >= 0)
        tandem_editor_page_goto (page, line, MAX (line_offset, 0));
      gtk_widget_grab_focus (GTK_WIDGET (page));
      return page;
    }

  return tandem_window_open_document (self, file, NULL, line, line_offset, TRUE);
}

static void
tandem_window_file_activated_cb (TandemWindow        *self,
                                 GFile               *file,
                                 TandemFileTreePanel *panel)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  tandem_window_open_file (self, file, -1, -1);
}

static void
tandem_window_greeter_project_activated_cb (TandemWindow  *self,
                                            GFile         *folder,
                                            TandemGreeter *greeter)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (G_IS_FILE (folder));

  tandem_application_open_project (tandem_window_get_app (self), folder, self);
}

static void
tandem_window_drafts_listed_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) list_error = NULL;

  ids = tandem_draft_store_list_finish (result, &list_error);
  if (ids == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GVariant) draft = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;
      const char *uri = NULL;

      if (tandem_window_find_tab_for_draft (self, id) != NULL)
        continue;

      draft = tandem_draft_store_read (id, &error);
      if (draft == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Unsaved changes could not be restored: %s"), error->message);
          tandem_window_add_toast (self, message);
          continue;
        }

      if (g_variant_lookup (draft, "uri", "&s", &uri) && uri[0] != '\0')
        {
          file = g_file_new_for_uri (uri);
          if (tandem_window_find_tab_for_file (self, file) != NULL)
            continue;
        }

      tandem_window_open_document (self, file, id, -1, -1,
                                   adw_tab_view_get_n_pages (self->tab_view) == 0);
    }
}

/* Drafts of this project that no tab refers to are unsaved work from a crash: open them. */
static void
tandem_window_recover_drafts (TandemWindow *self)
{
  tandem_draft_store_list_async (self->project_root, self->cancellable,
                                 tandem_window_drafts_listed_cb, g_object_ref (self));
}

void
tandem_window_open_project (TandemWindow *self,
                            GFile        *folder)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (self->project_root == NULL);

  self->project_root = g_object_ref (folder);
  self->tree = tandem_file_tree_new (folder);
  tandem_file_tree_panel_set_tree (self->tree_panel, self->tree);

  name = g_file_get_basename (folder);
  subtitle = tandem_path_for_display (folder);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_stack_set_visible_child_name (self->main_stack, "project");

  tandem_recent_projects_add (tandem_application_get_recent_projects (tandem_window_get_app (self)),
                              folder);
  _tandem_window_git_open_project (self->git, folder);
  tandem_window_update_actions (self);
}

GFile *
tandem_window_get_project_root (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->project_root;
}

TandemFileTree *
tandem_window_get_file_tree (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->tree;
}

/**
 * tandem_window_restore_session:
 * @state: the saved state of this window
 *
 * Reopens the tabs of @state (after tandem_window_open_project()), their unsaved drafts
 * and cursor positions, then any other draft of the project.
 */
void
tandem_window_restore_session (TandemWindow        *self,
                               TandemSessionWindow *state)
{
  g_return_if_fail (TANDEM_IS_WINDOW (self));

  if (state != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), MAX (state->width, 360),
                                   MAX (state->height, 294));
      if (state->maximized)
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_paned_set_position (self->paned, MAX (state->sidebar_width, 120));

      for (guint i = 0; i < state->tabs->len; i++)
        {
          TandemSessionTab *tab = g_ptr_array_index (state->tabs, i);
          g_autoptr(GFile) file = tab->uri ? g_file_new_for_uri (tab->uri) : NULL;

          if (file != NULL && tandem_window_find_tab_for_file (self, file) != NULL)
            continue;
          tandem_window_open_document (self, file, tab->draft_id, tab->line, tab->line_offset,
                                       i == state->active_tab);
        }
    }

  tandem_window_recover_drafts (self);
}

/**
 * tandem_window_capture_session:
 *
 * Returns: (transfer full) (nullable): the state to restore this window, or %NULL when it
 *   shows no project
 */
TandemSessionWindow *
tandem_window_capture_session (TandemWindow *self)
{
  g_autofree char *path = NULL;
  TandemSessionWindow *state;
  AdwTabPage *selected;
  int n;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  if (self->project_root == NULL || !(path = g_file_get_path (self->project_root)))
    return NULL;

  state = tandem_session_window_new (path);
  gtk_window_get_default_size (GTK_WINDOW (self), &state->width, &state->height);
  state->maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  state->sidebar_width = gtk_paned_get_position (self->paned);

  selected = adw_tab_view_get_selected_page (self->tab_view);
  n = adw_tab_view_get_n_pages (self->tab_view);
  for (int i = 0; i < n; i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);
      TandemEditorPage *page = tab_get_editor (tab);
      TandemDocument *document;
      GFile *file;
      g_autofree char *uri = NULL;
      gboolean modified;
      guint line = 0;
      guint line_offset = 0;

      /* Diff pages are not restored. */
      if (page == NULL)
        continue;

      document = tandem_editor_page_get_document (page);
      file = tandem_document_get_file (document);
      uri = file ? g_file_get_uri (file) : NULL;
      modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document));

      /* An untitled buffer with nothing in it is not worth restoring. */
      if (uri == NULL && !modified)
        continue;

      tandem_editor_page_get_cursor (page, &line, &line_offset);
      if (tab == selected)
        state->active_tab = state->tabs->len;
      g_ptr_array_add (state->tabs,
                       tandem_session_tab_new (uri,
                                               modified ? tandem_document_get_draft_id (document) : NULL,
                                               line, line_offset));
    }

  return state;
}

static gboolean
tandem_window_lookup_terminal (TandemWindow  *self,
                               GError       **error)
{
  static const struct {
    const char *symbol;
    gsize       offset;
  } symbols[] = {
    { "tandem_terminal_panel_new", G_STRUCT_OFFSET (TerminalModule, panel_new) },
    { "tandem_terminal_panel_open_in", G_STRUCT_OFFSET (TerminalModule, open_in) },
    { "tandem_terminal_panel_run", G_STRUCT_OFFSET (TerminalModule, run) },
    { "tandem_terminal_panel_stop", G_STRUCT_OFFSET (TerminalModule, stop) },
    { "tandem_terminal_panel_edit_run_command", G_STRUCT_OFFSET (TerminalModule, edit_run_command) },
    { "tandem_terminal_panel_focus", G_STRUCT_OFFSET (TerminalModule, focus) },
  };
  TerminalModule module = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer address = tandem_module_lookup ("terminal", symbols[i].symbol, error);

      if (address == NULL)
        return FALSE;
      G_STRUCT_MEMBER (gpointer, &module, symbols[i].offset) = address;
    }

  self->terminal = module;
  return TRUE;
}

static void
tandem_window_terminal_open_file_cb (TandemWindow *self,
                                     GFile        *file,
                                     int           line,
                                     int           column,
                                     GtkWidget    *panel)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  tandem_window_open_file (self, file, line, column);
}

static void
tandem_window_terminal_running_cb (TandemWindow *self,
                                   GParamSpec   *pspec,
                                   GtkWidget    *panel)
{
  g_assert (TANDEM_IS_WINDOW (self));

  tandem_window_update_actions (self);
  /* A command that finished may have changed files or made commits. */
  _tandem_window_git_refresh (self->git);
}

/* Loads the terminal module and creates the panel, the first time it is needed. */
static gboolean
tandem_window_ensure_terminal (TandemWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->terminal_panel != NULL)
    return TRUE;

  if (self->project_root == NULL)
    return FALSE;

  if (!tandem_window_lookup_terminal (self, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason */
      message = g_strdup_printf (_("The terminal could not be loaded. %s"), error->message);
      tandem_window_add_toast (self, message);
      return FALSE;
    }

  self->terminal_panel = self->terminal.panel_new (self->project_root);
  gtk_widget_set_visible (self->terminal_panel, FALSE);
  gtk_widget_set_size_request (self->terminal_panel, -1, 80);
  gtk_paned_set_end_child (self->editor_paned, self->terminal_panel);

  g_signal_connect_object (self->terminal_panel, "open-file",
                           G_CALLBACK (tandem_window_terminal_open_file_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->terminal_panel, "notify::running",
                           G_CALLBACK (tandem_window_terminal_running_cb), self,
                           G_CONNECT_SWAPPED);

  return TRUE;
}

static void
tandem_window_position_terminal (TandemWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->editor_paned));
  int wanted = g_settings_get_int (self->settings, "terminal-height");

  if (height <= 0)
    return;

  self->terminal_positioned = TRUE;
  gtk_paned_set_position (self->editor_paned, MAX (height - wanted, height / 5));
}

static void
tandem_window_editor_paned_position_cb (TandemWindow *self,
                                        GParamSpec   *pspec,
                                        GtkPaned     *paned)
{
  int height = gtk_widget_get_height (GTK_WIDGET (paned));
  int terminal_height;

  g_assert (TANDEM_IS_WINDOW (self));

  if (!self->terminal_positioned || self->terminal_panel == NULL ||
      !gtk_widget_get_visible (self->terminal_panel) || height <= 0)
    return;

  terminal_height = CLAMP (height - gtk_paned_get_position (paned), 80, 4000);
  if (terminal_height != g_settings_get_int (self->settings, "terminal-height"))
    g_settings_set_int (self->settings, "terminal-height", terminal_height);
}

static void
tandem_window_show_terminal (TandemWindow *self,
                             gboolean      show)
{
  if (show && !tandem_window_ensure_terminal (self))
    {
      gtk_toggle_button_set_active (self->terminal_button, FALSE);
      return;
    }

  if (self->terminal_panel == NULL)
    return;

  if (show != gtk_widget_get_visible (self->terminal_panel))
    {
      gtk_widget_set_visible (self->terminal_panel, show);
      if (show)
        tandem_window_position_terminal (self);
      else
        self->terminal_positioned = FALSE;
    }

  if (gtk_toggle_button_get_active (self->terminal_button) != show)
    gtk_toggle_button_set_active (self->terminal_button, show);

  if (show)
    self->terminal.focus (self->terminal_panel);
  else
    {
      TandemEditorPage *page = tandem_window_get_active_page (self);

      if (page != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (page));
    }
}

static void
tandem_window_terminal_button_toggled_cb (TandemWindow    *self,
                                          GtkToggleButton *button)
{
  g_assert (TANDEM_IS_WINDOW (self));

  tandem_window_show_terminal (self, gtk_toggle_button_get_active (button));
}

static void
tandem_window_tree_open_in_terminal_cb (TandemWindow        *self,
                                        GFile               *folder,
                                        TandemFileTreePanel *panel)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (G_IS_FILE (folder));

  if (!tandem_window_ensure_terminal (self))
    return;

  /* Showing an empty panel opens a shell in the root; open the folder's first. */
  self->terminal.open_in (self->terminal_panel, folder);
  tandem_window_show_terminal (self, TRUE);
}

static void
win_toggle_terminal_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  tandem_window_show_terminal (self, self->terminal_panel == NULL ||
                                     !gtk_widget_get_visible (self->terminal_panel));
}

static void
win_terminal_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (!tandem_window_ensure_terminal (self))
    return;

  if (g_str_equal (action_name, "win.new-terminal"))
    self->terminal.open_in (self->terminal_panel, NULL);
  else if (g_str_equal (action_name, "win.run"))
    self->terminal.run (self->terminal_panel);
  else if (g_str_equal (action_name, "win.stop"))
    self->terminal.stop (self->terminal_panel);
  else if (g_str_equal (action_name, "win.run-settings"))
    {
      self->terminal.edit_run_command (self->terminal_panel);
      return;
    }

  tandem_window_show_terminal (self, TRUE);
}

static void
tandem_window_update_actions (TandemWindow *self)
{
  TandemEditorPage *page = tandem_window_get_active_page (self);
  gboolean has_project = self->project_root != NULL;
  gboolean has_page = page != NULL;
  gboolean can_save = FALSE;
  gboolean running = FALSE;

  if (page != NULL)
    {
      TandemDocument *document = tandem_editor_page_get_document (page);

      can_save = !tandem_document_get_loading (document);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-file", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.quick-open", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-all", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replace", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.goto-line", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", has_project);

  if (self->terminal_panel != NULL)
    g_object_get (self->terminal_panel, "running", &running, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-terminal", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-terminal", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-settings", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
}

static void
tandem_window_report_save_error (TandemWindow *self,
                                 const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is the reason */
  message = g_strdup_printf (_("Could not save: %s"), error->message);
  tandem_window_add_toast (self, message);
}

/* Also finishes tandem_save_dialog_save_as_async(): save falls back to it for a
 * document without a file, with the same callback. */
static void
tandem_window_save_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_save_dialog_save_finish (result, &error))
    tandem_window_report_save_error (self, error);
  else
    {
      tandem_window_queue_session_save (self);
      _tandem_window_git_refresh (self->git);
    }
}

/* A page that shows a load failure holds no real text: saving it would overwrite the
 * file on disk with nothing. */
static gboolean
tandem_window_page_can_save (TandemWindow     *self,
                             TandemEditorPage *page)
{
  if (tandem_editor_page_get_error (page) == NULL)
    return TRUE;

  tandem_window_add_toast (self, _("This file could not be opened, so it cannot be saved"));
  return FALSE;
}

/* Saves the active page, to its file or (with @save_as, or when it has none) to one
 * the user picks. */
static void
tandem_window_save_active_page (TandemWindow *self,
                                gboolean      save_as)
{
  TandemEditorPage *page = tandem_window_get_active_page (self);
  TandemDocument *document;

  g_assert (TANDEM_IS_WINDOW (self));

  if (page == NULL || !tandem_window_page_can_save (self, page))
    return;

  document = tandem_editor_page_get_document (page);
  if (save_as)
    tandem_save_dialog_save_as_async (GTK_WINDOW (self), document, self->cancellable,
                                      tandem_window_save_cb, g_object_ref (self));
  else
    tandem_save_dialog_save_async (GTK_WINDOW (self), document, self->cancellable,
                                   tandem_window_save_cb, g_object_ref (self));
}

static void
win_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  tandem_window_save_active_page (TANDEM_WINDOW (widget), FALSE);
}

static void
win_save_as_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  tandem_window_save_active_page (TANDEM_WINDOW (widget), TRUE);
}

static void
win_save_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  g_autoptr(GPtrArray) documents = tandem_window_list_modified (self);

  for (guint i = 0; i < documents->len; i++)
    tandem_save_dialog_save_async (GTK_WINDOW (self), g_ptr_array_index (documents, i),
                                   self->cancellable, tandem_window_save_cb, g_object_ref (self));
}

static void
win_new_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  tandem_window_open_document (self, NULL, NULL, -1, -1, TRUE);
}

static void
win_close_tab_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
win_find_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  TandemEditorPage *page = tandem_window_get_active_page (self);

  if (page == NULL)
    return;

  if (g_str_equal (action_name, "win.goto-line"))
    tandem_editor_page_show_goto_line (page);
  else
    tandem_editor_page_show_search (page, g_str_equal (action_name, "win.replace"));
}

static void
tandem_window_quick_open_chosen_cb (TandemWindow    *self,
                                    GFile           *file,
                                    TandemQuickOpen *quick_open)
{
  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  tandem_window_open_file (self, file, -1, -1);
}

static void
win_quick_open_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  TandemQuickOpen *quick_open;

  if (self->project_root == NULL)
    return;

  /* The index is made on first use: nothing is walked at start-up. */
  if (self->file_index == NULL)
    self->file_index = tandem_file_index_new (self->project_root);

  quick_open = tandem_quick_open_new (GTK_WINDOW (self), self->file_index);
  g_signal_connect_object (quick_open, "file-chosen",
                           G_CALLBACK (tandem_window_quick_open_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (quick_open));
}

/* Built when first asked for, not with every window: parsing it costs start-up time. */
static void
win_show_help_overlay_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/app/tandem-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static void
win_toggle_sidebar_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

static void
tandem_window_folder_chosen_cb (GtkNativeDialog *chooser,
                                int              response,
                                gpointer         user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (folder != NULL)
    tandem_application_open_project (tandem_window_get_app (self), folder, self);
}

static void
win_open_folder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (tandem_window_folder_chosen_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tandem_window_close_confirmed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_save_dialog_run_finish (result, &error))
    {
      tandem_window_report_save_error (self, error);
      return;
    }

  self->closing_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
tandem_window_save_geometry (TandemWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
tandem_window_close_request (GtkWindow *window)
{
  TandemWindow *self = TANDEM_WINDOW (window);
  TandemApplication *app = tandem_window_get_app (self);

  if (!self->closing_confirmed && !(app && tandem_application_get_quitting (app)))
    {
      g_autoptr(GPtrArray) documents = tandem_window_list_modified (self);

      if (documents->len > 0)
        {
          tandem_save_dialog_run_async (window, documents, self->cancellable,
                                        tandem_window_close_confirmed_cb, g_object_ref (self));
          return GDK_EVENT_STOP;
        }
    }

  self->closing_confirmed = TRUE;

  if (self->project_root != NULL)
    tandem_window_save_geometry (self);
  if (app != NULL && !tandem_application_get_quitting (app))
    tandem_application_save_session (app, self);

  g_cancellable_cancel (self->cancellable);
  if (self->tree != NULL)
    tandem_file_tree_cancel (self->tree);

  return GTK_WINDOW_CLASS (tandem_window_parent_class)->close_request (window);
}

static void
tandem_window_dispose (GObject *object)
{
  TandemWindow *self = (TandemWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->git, _tandem_window_git_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_WINDOW);
  self->terminal_panel = NULL;
  g_clear_object (&self->tree);
  g_clear_object (&self->file_index);
  g_clear_object (&self->project_root);

  G_OBJECT_CLASS (tandem_window_parent_class)->dispose (object);
}

static void
tandem_window_finalize (GObject *object)
{
  TandemWindow *self = (TandemWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_window_parent_class)->finalize (object);
}

/* The AI assistant ------------------------------------------------------------ */

static gboolean
tandem_window_ensure_ai (TandemWindow *self)
{
  static const struct {
    const char *symbol;
    gsize       offset;
  } symbols[] = {
    { "tandem_ai_chat_panel_new", G_STRUCT_OFFSET (AiModule, panel_new) },
    { "tandem_ai_chat_panel_set_editor", G_STRUCT_OFFSET (AiModule, set_editor) },
    { "tandem_ai_chat_panel_quick_action", G_STRUCT_OFFSET (AiModule, quick_action) },
    { "tandem_ai_chat_panel_focus", G_STRUCT_OFFSET (AiModule, focus) },
  };
  g_autoptr(GError) error = NULL;
  AiModule module = { NULL };

  if (self->ai_panel != NULL)
    return TRUE;
  if (self->project_root == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer address = tandem_module_lookup ("ai", symbols[i].symbol, &error);

      if (address == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a technical reason */
          message = g_strdup_printf (_("The assistant could not be loaded. %s"), error->message);
          tandem_window_add_toast (self, message);
          return FALSE;
        }
      G_STRUCT_MEMBER (gpointer, &module, symbols[i].offset) = address;
    }

  self->ai = module;
  self->ai_panel = self->ai.panel_new (self->project_root);
  gtk_widget_set_size_request (self->ai_panel, 280, -1);
  gtk_widget_set_visible (self->ai_panel, FALSE);
  gtk_paned_set_end_child (self->ai_paned, self->ai_panel);
  tandem_window_update_ai_editor (self);

  return TRUE;
}

static void
tandem_window_update_ai_editor (TandemWindow *self)
{
  TandemEditorPage *page;
  TandemDocument *document;
  GtkSourceLanguage *language;

  if (self->ai_panel == NULL)
    return;

  page = tandem_window_get_active_page (self);
  if (page == NULL)
    {
      self->ai.set_editor (self->ai_panel, NULL, NULL, NULL);
      return;
    }

  document = tandem_editor_page_get_document (page);
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (document));
  self->ai.set_editor (self->ai_panel, GTK_TEXT_BUFFER (document), tandem_document_get_file (document),
                       language ? gtk_source_language_get_name (language) : NULL);
}

static void
tandem_window_show_ai (TandemWindow *self,
                       gboolean      show)
{
  if (show && !tandem_window_ensure_ai (self))
    {
      gtk_toggle_button_set_active (self->ai_button, FALSE);
      return;
    }

  if (self->ai_panel == NULL)
    return;

  if (show && !gtk_widget_get_visible (self->ai_panel))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->ai_paned));
      int wanted = g_settings_get_int (self->settings, "ai-panel-width");

      gtk_widget_set_visible (self->ai_panel, TRUE);
      if (width > 0)
        gtk_paned_set_position (self->ai_paned, MAX (width - wanted, width / 3));
    }
  else if (!show && gtk_widget_get_visible (self->ai_panel))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->ai_paned));

      if (width > 0)
        g_settings_set_int (self->settings, "ai-panel-width",
                            CLAMP (width - gtk_paned_get_position (self->ai_paned), 280, 2000));
      gtk_widget_set_visible (self->ai_panel, FALSE);
    }

  if (gtk_toggle_button_get_active (self->ai_button) != show)
    gtk_toggle_button_set_active (self->ai_button, show);

  if (show)
    self->ai.focus (self->ai_panel);
}

static void
tandem_window_ai_button_toggled_cb (TandemWindow    *self,
                                    GtkToggleButton *button)
{
  tandem_window_show_ai (self, gtk_toggle_button_get_active (button));
}

static void
win_toggle_assistant_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  tandem_window_show_ai (self, self->ai_panel == NULL || !gtk_widget_get_visible (self->ai_panel));
}

static void
win_ai_quick_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  /* The same order as TandemAiQuickAction in src/ai/tandem-ai-context.h. */
  static const char * const names[] = { "win.ai-explain", "win.ai-write-tests", "win.ai-optimize", "win.ai-fix" };

  if (tandem_window_get_active_page (self) == NULL)
    return;

  tandem_window_show_ai (self, TRUE);
  if (self->ai_panel == NULL)
    return;

  tandem_window_update_ai_editor (self);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (action_name, names[i]))
      self->ai.quick_action (self->ai_panel, (int)i);
}

static void
tandem_window_class_init (TandemWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_window_dispose;
  object_class->finalize = tandem_window_finalize;
  window_class->close_request = tandem_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/tandem-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, greeter);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, sidebar_switcher);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, tree_panel);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, editor_paned);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, terminal_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, ai_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, ai_paned);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, ai_menu);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, stop_button);

  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, win_open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.new-file", NULL, win_new_file_action);
  gtk_widget_class_install_action (widget_class, "win.quick-open", NULL, win_quick_open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, win_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-all", NULL, win_save_all_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, win_close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, win_find_action);
  gtk_widget_class_install_action (widget_class, "win.replace", NULL, win_find_action);
  gtk_widget_class_install_action (widget_class, "win.goto-line", NULL, win_find_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, win_toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, win_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-terminal", NULL, win_toggle_terminal_action);
  gtk_widget_class_install_action (widget_class, "win.new-terminal", NULL, win_terminal_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, win_terminal_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, win_terminal_action);
  gtk_widget_class_install_action (widget_class, "win.run-settings", NULL, win_terminal_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-assistant", NULL, win_toggle_assistant_action);
  gtk_widget_class_install_action (widget_class, "win.ai-explain", NULL, win_ai_quick_action);
  gtk_widget_class_install_action (widget_class, "win.ai-write-tests", NULL, win_ai_quick_action);
  gtk_widget_class_install_action (widget_class, "win.ai-optimize", NULL, win_ai_quick_action);
  gtk_widget_class_install_action (widget_class, "win.ai-fix", NULL, win_ai_quick_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.quick-open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.save-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.goto-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_grave, GDK_CONTROL_MASK, "win.toggle-terminal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-terminal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.toggle-assistant", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.ai-explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.ai-write-tests", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.ai-optimize", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.ai-fix", NULL);

  _tandem_window_git_class_init (widget_class);

  g_type_ensure (TANDEM_TYPE_GREETER);
  g_type_ensure (TANDEM_TYPE_FILE_TREE_PANEL);
}

static void
tandem_window_init (TandemWindow *self)
{
  g_autoptr(GAction) show_hidden = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SCHEMA_ID);
  self->git = _tandem_window_git_new (self, self->sidebar_switcher, self->sidebar_stack, self->tab_view);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sidebar-width", self->paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->sidebar_button, "active",
                          gtk_paned_get_start_child (self->paned), "visible",
                          G_BINDING_SYNC_CREATE);

  show_hidden = g_settings_create_action (self->settings, "show-hidden-files");
  g_action_map_add_action (G_ACTION_MAP (self), show_hidden);

  g_signal_connect_object (self->tab_view, "close-page",
                           G_CALLBACK (tandem_window_tab_view_close_page_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::n-pages",
                           G_CALLBACK (tandem_window_tab_view_n_pages_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::selected-page",
                           G_CALLBACK (tandem_window_tab_view_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tree_panel, "file-activated",
                           G_CALLBACK (tandem_window_file_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tree_panel, "open-in-terminal",
                           G_CALLBACK (tandem_window_tree_open_in_terminal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->terminal_button, "toggled",
                           G_CALLBACK (tandem_window_terminal_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ai_button, "toggled",
                           G_CALLBACK (tandem_window_ai_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor_paned, "notify::position",
                           G_CALLBACK (tandem_window_editor_paned_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->greeter, "project-activated",
                           G_CALLBACK (tandem_window_greeter_project_activated_cb), self,
                           G_CONNECT_SWAPPED);

  tandem_window_update_actions (self);
}

TandemWindow *
tandem_window_new (TandemApplication *application)
{
  TandemWindow *self;

  g_return_val_if_fail (TANDEM_IS_APPLICATION (application), NULL);

  self = g_object_new (TANDEM_TYPE_WINDOW, "application", application, NULL);
  tandem_greeter_set_recent_projects (self->greeter,
                                      tandem_application_get_recent_projects (application));

  return self;
}
