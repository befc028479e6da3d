/* tandem-git-prompt-dialog.h
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

#include "tandem-git-operation.h"

G_BEGIN_DECLS

/* Asks the user @prompt's question in a modal dialog over @parent and answers it:
 * username; username + password/token with "Remember in keyring"; key passphrase;
 * an unknown SSH host key with its SHA256 fingerprint (Accept Once, Always, Reject);
 * an untrusted certificate (Accept for This Host, Reject). Closing the dialog cancels
 * the prompt. Returns the dialog (owned by GTK). */
GtkWidget *tandem_git_prompt_dialog_present (GtkWindow       *parent,
                                             TandemGitPrompt *prompt);

G_END_DECLS
