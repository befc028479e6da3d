/* tandem-git-history.h
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

/* The recent commits of HEAD, loaded 50 at a time as the list is scrolled to its end.
 * Signal "commit-activated" (TandemGitCommit *commit). */

#define TANDEM_TYPE_GIT_HISTORY (tandem_git_history_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitHistory, tandem_git_history, TANDEM, GIT_HISTORY, GtkWidget)

GtkWidget  *tandem_git_history_new            (void);
void        tandem_git_history_set_repository (TandemGitHistory    *self,
                                               TandemGitRepository *repository);
/* Starts again from HEAD (after a commit, a pull or a branch switch). */
void        tandem_git_history_reload         (TandemGitHistory    *self);
/* The commits loaded so far (TandemGitCommit). */
GListModel *tandem_git_history_get_model      (TandemGitHistory    *self);
gboolean    tandem_git_history_get_loading    (TandemGitHistory    *self);
/* "2 hours ago", "yesterday", "3 days ago", or the date for older ones. */
char       *tandem_git_format_relative_time   (GDateTime           *time,
                                               GDateTime           *now);

G_END_DECLS
