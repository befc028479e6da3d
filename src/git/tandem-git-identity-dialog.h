/* tandem-git-identity-dialog.h
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

/* "Who are you?": user.name and user.email for commits, saved globally or for this
 * repository only. Signal "saved": they were written; the commit can be retried. */
GtkWidget *tandem_git_identity_dialog_new (GtkWindow           *parent,
                                           TandemGitRepository *repository,
                                           const char          *name,
                                           const char          *email);

G_END_DECLS
