/* tandem-window-git.c
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

#define G_LOG_DOMAIN "tandem-window-git"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-application.h"
#include "tandem-document.h"
#include "tandem-editor-page.h"
#include "tandem-file-tree.h"
#include "tandem-module.h"
#include "tandem-search-bar.h"
#include "tandem-window-git.h"

/* Entry points of the git module (src/git/tandem-git-panel.h and friends). */
typedef GtkWidget  *(*GitPanelNew)        (GFile         *root);
typedef void        (*GitPanelAction)     (GtkWidget     *panel);
typedef void        (*GitPanelAttachView) (GtkWidget     *panel,
                                           GtkSourceView *view,
                                           GFile         *file);
typedef void        (*GitPanelActivate)   (GtkWidget     *panel,
                                           const char    *what);
typedef const char *(*GitDiffViewGetKey)  (GtkWidget     *view);
typedef GtkWidget  *(*GitCloneDialogNew)  (GtkWindow     *parent);

typedef struct
{
  GitPanelNew        panel_new;
  GitPanelAction     refresh;
  GitPanelAttachView attach_view;
  GitPanelAction     focus;
  GitPanelActivate   activate;
  GitDiffViewGetKey  diff_view_get_key;
} GitModule;

struct _TandemWindowGit
{
  /* Borrowed: the window owns this struct and these widgets */
  TandemWindow     *window;
  GtkWidget        *switcher;
  AdwViewStack     *stack;
  AdwTabView       *tab_view;
  AdwViewStackPage *page;
  GtkWidget        *panel;

  /* Owned */
  GFile            *root;
  GCancellable     *cancellable;

  GitModule         module;
};

#define GIT_PAGE_KEY "tandem-git-page-key"

static const char * const remote_actions[] = { "win.git-fetch", "win.git-pull", "win.git-push",
                                               "win.git-branches", "win.show-git" };

static void
tandem_window_git_update_actions (TandemWindowGit *git)
{
  gboolean available = git->page != NULL && adw_view_stack_page_get_visible (git->page);

  for (guint i = 0; i < G_N_ELEMENTS (remote_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (git->window), remote_actions[i], available);
}

static gboolean tandem_window_git_show_shortcut_cb (GtkWidget *widget,
                                                    GVariant  *args,
                                                    gpointer   user_data);

TandemWindowGit *
_tandem_window_git_new (TandemWindow *window,
                        GtkWidget    *sidebar_switcher,
                        AdwViewStack *sidebar_stack,
                        AdwTabView   *tab_view)
{
  TandemWindowGit *git;
  GtkEventController *shortcuts;

  g_return_val_if_fail (TANDEM_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ADW_IS_VIEW_STACK (sidebar_stack), NULL);
  g_return_val_if_fail (ADW_IS_TAB_VIEW (tab_view), NULL);

  git = g_new0 (TandemWindowGit, 1);
  git->window = window;
  git->switcher = sidebar_switcher;
  git->stack = sidebar_stack;
  git->tab_view = tab_view;
  git->cancellable = g_cancellable_new ();
  tandem_window_git_update_actions (git);

  /* Caught before the editor's own Ctrl+Shift+G (find previous): see the callback. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (tandem_window_git_show_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  return git;
}

void
_tandem_window_git_free (TandemWindowGit *git)
{
  if (git == NULL)
    return;

  g_cancellable_cancel (git->cancellable);
  g_clear_object (&git->cancellable);
  g_clear_object (&git->root);
  g_free (git);
}

GtkWidget *
_tandem_window_git_get_panel (TandemWindowGit *git)
{
  g_return_val_if_fail (git != NULL, NULL);

  return git->panel;
}

gboolean
_tandem_window_git_is_git_page (GtkWidget *child)
{
  return child != NULL && g_object_get_data (G_OBJECT (child), GIT_PAGE_KEY) != NULL;
}

void
_tandem_window_git_refresh (TandemWindowGit *git)
{
  if (git != NULL && git->panel != NULL)
    git->module.refresh (git->panel);
}

static void
tandem_window_git_attach_view (TandemWindowGit  *git,
                               TandemEditorPage *page)
{
  GFile *file;

  if (git == NULL || git->panel == NULL)
    return;

  file = tandem_document_get_file (tandem_editor_page_get_document (page));
  if (file != NULL)
    git->module.attach_view (git->panel, tandem_editor_page_get_view (page), file);
}

/* An untitled document got its file (Save As): its page gets the marks now, without
 * being reopened. The panel attaches a view only once. */
static void
tandem_window_git_file_changed_cb (TandemDocument   *document,
                                   GParamSpec       *pspec,
                                   TandemEditorPage *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  g_assert (TANDEM_IS_EDITOR_PAGE (page));

  if (TANDEM_IS_WINDOW (root))
    tandem_window_git_attach_view (_tandem_window_get_git (TANDEM_WINDOW (root)), page);
}

void
_tandem_window_git_attach_page (TandemWindowGit  *git,
                                TandemEditorPage *page)
{
  TandemDocument *document;

  g_return_if_fail (TANDEM_IS_EDITOR_PAGE (page));

  if (git == NULL || git->panel == NULL)
    return;

  /* Called once per page: when it is added, or when the panel is made after it. */
  document = tandem_editor_page_get_document (page);
  if (tandem_document_get_file (document) == NULL)
    g_signal_connect_object (document, "notify::file",
                             G_CALLBACK (tandem_window_git_file_changed_cb), page, 0);
  tandem_window_git_attach_view (git, page);
}

/* Signals of the panel ------------------------------------------------------------- */

static void
tandem_window_git_show (TandemWindowGit *git,
                        gboolean         focus)
{
  GtkWidget *sidebar = gtk_widget_get_parent (GTK_WIDGET (git->stack));

  if (git->panel == NULL)
    return;

  if (!gtk_widget_get_visible (sidebar))
    gtk_widget_activate_action (GTK_WIDGET (git->window), "win.toggle-sidebar", NULL);
  adw_view_stack_set_visible_child (git->stack, git->panel);
  if (focus)
    git->module.focus (git->panel);
}

static void
tandem_window_git_available_cb (TandemWindow *window,
                                GParamSpec   *pspec,
                                GtkWidget    *panel)
{
  TandemWindowGit *git = _tandem_window_get_git (window);
  gboolean available = FALSE;

  if (git == NULL || git->panel != panel)
    return;

  g_object_get (panel, "available", &available, NULL);
  adw_view_stack_page_set_visible (git->page, available);
  gtk_widget_set_visible (git->switcher, available);
  tandem_window_git_update_actions (git);
}

static void
tandem_window_git_n_changes_cb (TandemWindow *window,
                                GParamSpec   *pspec,
                                GtkWidget    *panel)
{
  TandemWindowGit *git = _tandem_window_get_git (window);
  guint n_changes = 0;

  if (git == NULL || git->panel != panel)
    return;

  g_object_get (panel, "n-changes", &n_changes, NULL);
  adw_view_stack_page_set_badge_number (git->page, n_changes);
}

static void
tandem_window_git_open_file_cb (TandemWindow *window,
                                GFile        *file,
                                int           line,
                                GtkWidget    *panel)
{
  g_assert (TANDEM_IS_WINDOW (window));
  g_assert (G_IS_FILE (file));

  tandem_window_open_file (window, file, line, -1);
}

static void
tandem_window_git_toast_cb (TandemWindow *window,
                            const char   *message,
                            GtkWidget    *panel)
{
  g_assert (TANDEM_IS_WINDOW (window));

  tandem_window_add_toast (window, message);
}

/* A diff page is a tab like a document but is not one: tandem-window.c skips children
 * marked with GIT_PAGE_KEY when it saves, closes or remembers the session. */
static void
tandem_window_git_open_page_cb (TandemWindow *window,
                                GtkWidget    *page,
                                const char   *title,
                                const char   *icon_name,
                                GtkWidget    *panel)
{
  TandemWindowGit *git = _tandem_window_get_git (window);
  g_autoptr(GIcon) icon = NULL;
  const char *key = NULL;
  GType diff_view_type;
  AdwTabPage *tab;
  int n;

  g_assert (GTK_IS_WIDGET (page));

  if (git == NULL)
    return;

  diff_view_type = g_type_from_name ("TandemGitDiffView");
  if (diff_view_type != G_TYPE_INVALID && g_type_is_a (G_OBJECT_TYPE (page), diff_view_type))
    key = git->module.diff_view_get_key (page);
  if (key == NULL)
    key = title;

  n = adw_tab_view_get_n_pages (git->tab_view);
  for (int i = 0; i < n; i++)
    {
      AdwTabPage *existing = adw_tab_view_get_nth_page (git->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (existing);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), GIT_PAGE_KEY), key) == 0)
        {
          adw_tab_view_set_selected_page (git->tab_view, existing);
          gtk_widget_grab_focus (child);
          return;
        }
    }

  g_object_set_data_full (G_OBJECT (page), GIT_PAGE_KEY, g_strdup (key), g_free);
  tab = adw_tab_view_append (git->tab_view, page);
  adw_tab_page_set_title (tab, title);
  adw_tab_page_set_tooltip (tab, title);
  if (icon_name != NULL)
    {
      icon = g_themed_icon_new (icon_name);
      adw_tab_page_set_icon (tab, icon);
    }
  adw_tab_view_set_selected_page (git->tab_view, tab);
  gtk_widget_grab_focus (page);
}

/* Loading ---------------------------------------------------------------------------- */

static gboolean
tandem_window_git_lookup (GitModule  *module,
                          GError    **error)
{
  static const struct {
    const char *symbol;
    gsize       offset;
  } symbols[] = {
    { "tandem_git_panel_new", G_STRUCT_OFFSET (GitModule, panel_new) },
    { "tandem_git_panel_refresh", G_STRUCT_OFFSET (GitModule, refresh) },
    { "tandem_git_panel_attach_view", G_STRUCT_OFFSET (GitModule, attach_view) },
    { "tandem_git_panel_focus", G_STRUCT_OFFSET (GitModule, focus) },
    { "tandem_git_panel_activate", G_STRUCT_OFFSET (GitModule, activate) },
    { "tandem_git_diff_view_get_key", G_STRUCT_OFFSET (GitModule, diff_view_get_key) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer address = tandem_module_lookup ("git", symbols[i].symbol, error);

      if (address == NULL)
        return FALSE;
      G_STRUCT_MEMBER (gpointer, module, symbols[i].offset) = address;
    }

  return TRUE;
}

static void
tandem_window_git_tree_changed_cb (TandemWindow   *window,
                                   GFile          *file,
                                   TandemFileTree *tree)
{
  _tandem_window_git_refresh (_tandem_window_get_git (window));
}

static void
tandem_window_git_active_cb (TandemWindow *window,
                             GParamSpec   *pspec,
                             gpointer      unused)
{
  if (gtk_window_is_active (GTK_WINDOW (window)))
    _tandem_window_git_refresh (_tandem_window_get_git (window));
}

static void
tandem_window_git_create_panel (TandemWindowGit *git)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  GitModule module = { NULL };
  TandemFileTree *tree;

  if (!tandem_window_git_lookup (&module, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a technical reason */
      message = g_strdup_printf (_("Git support could not be loaded. %s"), error->message);
      tandem_window_add_toast (git->window, message);
      return;
    }

  git->module = module;
  git->panel = git->module.panel_new (git->root);
  git->page = adw_view_stack_add_titled (git->stack, git->panel, "git", _("Git"));
  adw_view_stack_page_set_icon_name (git->page, "emblem-shared-symbolic");
  adw_view_stack_page_set_visible (git->page, FALSE);

  g_signal_connect_object (git->panel, "notify::available",
                           G_CALLBACK (tandem_window_git_available_cb), git->window, G_CONNECT_SWAPPED);
  g_signal_connect_object (git->panel, "notify::n-changes",
                           G_CALLBACK (tandem_window_git_n_changes_cb), git->window, G_CONNECT_SWAPPED);
  g_signal_connect_object (git->panel, "open-file",
                           G_CALLBACK (tandem_window_git_open_file_cb), git->window, G_CONNECT_SWAPPED);
  g_signal_connect_object (git->panel, "open-page",
                           G_CALLBACK (tandem_window_git_open_page_cb), git->window, G_CONNECT_SWAPPED);
  g_signal_connect_object (git->panel, "toast",
                           G_CALLBACK (tandem_window_git_toast_cb), git->window, G_CONNECT_SWAPPED);

  tree = tandem_window_get_file_tree (git->window);
  if (tree != NULL)
    {
      g_signal_connect_object (tree, "directory-loaded",
                               G_CALLBACK (tandem_window_git_tree_changed_cb), git->window, G_CONNECT_SWAPPED);
      g_signal_connect_object (tree, "file-changed",
                               G_CALLBACK (tandem_window_git_tree_changed_cb), git->window, G_CONNECT_SWAPPED);
    }
  g_signal_connect (git->window, "notify::is-active", G_CALLBACK (tandem_window_git_active_cb), NULL);

  /* Pages opened before the module was loaded (a restored session). */
  pages = tandem_window_list_pages (git->window);
  for (guint i = 0; i < pages->len; i++)
    _tandem_window_git_attach_page (git, g_ptr_array_index (pages, i));
}

/* Runs on a worker: a stat per folder up to "/", which costs nothing next to loading
 * libgit2 (and the TLS and SSH libraries it brings) into every project. */
static void
tandem_window_git_check_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  g_autoptr(GFile) dir = g_object_ref (G_FILE (task_data));

  while (dir != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GFile) dot_git = g_file_get_child (dir, ".git");
      GFile *parent;

      if (g_file_query_exists (dot_git, cancellable))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  g_task_return_boolean (task, FALSE);
}

static void
tandem_window_git_checked_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  TandemWindow *window = TANDEM_WINDOW (object);
  TandemWindowGit *git;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  git = _tandem_window_get_git (window);
  if (git == NULL || git->panel != NULL || git->root == NULL)
    return;

  tandem_window_git_create_panel (git);
}

void
_tandem_window_git_open_project (TandemWindowGit *git,
                                 GFile           *root)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (git != NULL);
  g_return_if_fail (G_IS_FILE (root));

  g_set_object (&git->root, root);

  task = g_task_new (git->window, git->cancellable, tandem_window_git_checked_cb, NULL);
  g_task_set_source_tag (task, _tandem_window_git_open_project);
  g_task_set_task_data (task, g_object_ref (root), g_object_unref);
  g_task_run_in_thread (task, tandem_window_git_check_thread);
}

/* Actions ---------------------------------------------------------------------------- */

static void
win_git_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TandemWindowGit *git = _tandem_window_get_git (TANDEM_WINDOW (widget));

  if (git == NULL || git->panel == NULL)
    return;

  if (g_str_equal (action_name, "win.show-git"))
    {
      tandem_window_git_show (git, TRUE);
      return;
    }

  tandem_window_git_show (git, FALSE);
  /* "win.git-fetch" -> "fetch" */
  git->module.activate (git->panel, action_name + strlen ("win.git-"));
}

/* Ctrl+Shift+G shows the Git page, except while searching in a file, where it goes to
 * the previous match as in every GNOME editor. */
static gboolean
tandem_window_git_show_shortcut_cb (GtkWidget *widget,
                                    GVariant  *args,
                                    gpointer   user_data)
{
  TandemWindowGit *git = _tandem_window_get_git (TANDEM_WINDOW (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (git == NULL || git->page == NULL || !adw_view_stack_page_get_visible (git->page))
    return FALSE;
  if (focus != NULL && gtk_widget_get_ancestor (focus, TANDEM_TYPE_SEARCH_BAR) != NULL)
    return FALSE;

  tandem_window_git_show (git, TRUE);
  return TRUE;
}

static void
tandem_window_git_cloned_cb (TandemWindow *window,
                             GFile        *workdir,
                             GtkWidget    *dialog)
{
  TandemApplication *app = TANDEM_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_assert (G_IS_FILE (workdir));

  if (app != NULL)
    tandem_application_open_project (app, workdir, window);
}

static void
win_clone_repository_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TandemWindow *window = TANDEM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GitCloneDialogNew clone_dialog_new;
  GtkWidget *dialog;

  clone_dialog_new = tandem_module_lookup ("git", "tandem_git_clone_dialog_new", &error);
  if (clone_dialog_new == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Git support could not be loaded. %s"), error->message);
      tandem_window_add_toast (window, message);
      return;
    }

  dialog = clone_dialog_new (GTK_WINDOW (window));
  g_signal_connect_object (dialog, "cloned", G_CALLBACK (tandem_window_git_cloned_cb), window,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tandem_window_git_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.clone-repository", NULL, win_clone_repository_action);
  gtk_widget_class_install_action (widget_class, "win.show-git", NULL, win_git_action);
  gtk_widget_class_install_action (widget_class, "win.git-fetch", NULL, win_git_action);
  gtk_widget_class_install_action (widget_class, "win.git-pull", NULL, win_git_action);
  gtk_widget_class_install_action (widget_class, "win.git-push", NULL, win_git_action);
  gtk_widget_class_install_action (widget_class, "win.git-branches", NULL, win_git_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.git-fetch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.git-pull", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.git-push", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.git-branches", NULL);
}
