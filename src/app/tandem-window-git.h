/* tandem-window-git.h
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

#pragma once

#include <adwaita.h>

#include "tandem-types.h"
#include "tandem-window.h"

G_BEGIN_DECLS

/* The window's side of the git module (src/git): the Git page of the sidebar, diff pages
 * in the tab view, gutters on editors, git shortcuts and "Clone Repository…". The module
 * is only loaded for a project that may be a work tree (a ".git" found walking up), and
 * only through tandem_module_lookup(). */

typedef struct _TandemWindowGit TandemWindowGit;

/* In tandem-window.c */
TandemWindowGit *_tandem_window_get_git            (TandemWindow     *window);

TandemWindowGit *_tandem_window_git_new            (TandemWindow     *window,
                                                    GtkWidget        *sidebar_switcher,
                                                    AdwViewStack     *sidebar_stack,
                                                    AdwTabView       *tab_view);
void             _tandem_window_git_free           (TandemWindowGit  *git);
/* Checks (on a worker) whether @root may be a work tree, then loads the module. */
void             _tandem_window_git_open_project   (TandemWindowGit  *git,
                                                    GFile            *root);
/* A file of the project may have changed: the status is refreshed soon. */
void             _tandem_window_git_refresh        (TandemWindowGit  *git);
/* Adds the change marks to a new editor page (once its file is known). */
void             _tandem_window_git_attach_page    (TandemWindowGit  *git,
                                                    TandemEditorPage *page);
/* Whether a tab shows a git page (a diff), not a document. */
gboolean         _tandem_window_git_is_git_page    (GtkWidget        *child);
/* The Git page, or %NULL while there is none. */
GtkWidget       *_tandem_window_git_get_panel      (TandemWindowGit  *git);
/* Installs the win.* git actions and their shortcuts. */
void             _tandem_window_git_class_init     (GtkWidgetClass   *widget_class);

G_END_DECLS
