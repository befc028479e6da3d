/* tandem-git-clone-dialog.h
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

G_BEGIN_DECLS

/* Clone Repository: URL, destination (parent folder chosen with GtkFileChooserNative and
 * a folder name guessed from the URL), progress (objects, bytes, speed) with Cancel, and
 * the clone's questions (credentials, host key, certificate) asked in dialogs. A
 * non-empty destination is refused before anything starts.
 * Signal "cloned" (GFile *workdir): the clone finished; the dialog then closes itself. */

#define TANDEM_TYPE_GIT_CLONE_DIALOG (tandem_git_clone_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitCloneDialog, tandem_git_clone_dialog, TANDEM, GIT_CLONE_DIALOG, AdwWindow)

GtkWidget *tandem_git_clone_dialog_new (GtkWindow *parent);

G_END_DECLS
