/* tandem-git-panel.h
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

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* The Git page of the sidebar: entry points the window looks up in the git module
 * (so they take plain GTK types). */

#define TANDEM_TYPE_GIT_PANEL (tandem_git_panel_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitPanel, tandem_git_panel, TANDEM, GIT_PANEL, GtkWidget)

/* Discovers the repository of @root in a worker; the boolean property "available" turns
 * TRUE when @root is inside a work tree (the window then shows the Git page).
 * Signals:
 *   "open-file" (GFile *file, int line): open a file of the work tree (line may be -1);
 *   "open-page" (GtkWidget *page, const char *title, const char *icon_name): show a
 *     page (a diff) in the editor's tab view;
 *   "toast" (const char *message): a short message for the window's toast overlay. */
GtkWidget *tandem_git_panel_new          (GFile         *root);
/* A file of the work tree may have changed (saved, created, deleted): refresh soon. */
void       tandem_git_panel_refresh      (GtkWidget     *panel);
/* Adds gutter marks against HEAD to @view showing @file; they follow the buffer. */
void       tandem_git_panel_attach_view  (GtkWidget     *panel,
                                          GtkSourceView *view,
                                          GFile         *file);
/* Moves keyboard focus to the commit message. */
void       tandem_git_panel_focus        (GtkWidget     *panel);
/* Actions run from window shortcuts: "fetch", "pull", "push", "commit", "branches". */
void       tandem_git_panel_activate     (GtkWidget     *panel,
                                          const char    *what);

G_END_DECLS
