/* tandem-git-branches.h
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

#include <gtk/gtk.h>

#include "tandem-git-repository.h"

G_BEGIN_DECLS

/* The branch popover of the Git page: local and remote branches, switch, create from the
 * current commit, delete (with a second confirmation for unmerged work).
 * Signal "message" (const char *text, gboolean is_error): an outcome for the panel. */

#define TANDEM_TYPE_GIT_BRANCHES (tandem_git_branches_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitBranches, tandem_git_branches, TANDEM, GIT_BRANCHES, GtkPopover)

GtkWidget  *tandem_git_branches_new            (void);
void        tandem_git_branches_set_repository (TandemGitBranches   *self,
                                                TandemGitRepository *repository);
/* Lists the branches again. */
void        tandem_git_branches_reload         (TandemGitBranches   *self);
/* TandemGitBranch, local ones first (empty until listed). */
GListModel *tandem_git_branches_get_model      (TandemGitBranches   *self);
/* An AdwMessageDialog asking before something that cannot be undone (shared by the
 * Git page); @callback gets the response "confirm" or "cancel". */
void        tandem_git_confirm_destructive     (GtkWidget           *widget,
                                                const char          *heading,
                                                const char          *body,
                                                const char          *confirm_label,
                                                GCallback            callback,
                                                gpointer             data,
                                                GDestroyNotify       destroy);
/* Checks a new branch name the way git does; sets a translated error. */
gboolean    tandem_git_branch_name_is_valid    (const char          *name,
                                                GError             **error);

G_END_DECLS
