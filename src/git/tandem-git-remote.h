/* tandem-git-remote.h
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

#include "tandem-git-operation.h"
#include "tandem-git-repository.h"

G_BEGIN_DECLS

/* Network operations. Each runs in a worker thread with its own git_repository, reports
 * progress and asks questions through @operation, and honours its cancellable.
 * Credentials: ssh-agent first, then ~/.ssh/id_ed25519 and id_ecdsa (passphrase asked),
 * for HTTPS a keyring entry for (host, user) then a USERPASS prompt; every method is
 * tried at most once and the operation then fails with AUTH_FAILED naming what was tried.
 * Unknown SSH host keys and untrusted TLS certificates are asked about, never accepted
 * silently; "always" appends the key to ~/.ssh/known_hosts, and an accepted certificate
 * is remembered for its host for the rest of the session. */

/* Clones @url into @destination (must not exist or be an empty folder: else
 * DESTINATION_NOT_EMPTY). On failure or Cancel nothing is left in @destination.
 * Finishes with the new work tree. */
void   tandem_git_clone_async  (const char           *url,
                                GFile                *destination,
                                TandemGitOperation   *operation,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
GFile *tandem_git_clone_finish (GAsyncResult         *result,
                                GError              **error);

/* Fetches the current branch's remote (or "origin"; NO_REMOTE when there is none). */
void     tandem_git_repository_fetch_async  (TandemGitRepository  *self,
                                             TandemGitOperation   *operation,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean tandem_git_repository_fetch_finish (TandemGitRepository  *self,
                                             GAsyncResult         *result,
                                             GError              **error);

typedef enum
{
  TANDEM_GIT_PULL_UP_TO_DATE,
  TANDEM_GIT_PULL_FAST_FORWARD,
  TANDEM_GIT_PULL_MERGED,        /* a clean merge; the merge commit was made */
} TandemGitPullResult;

/* Fetches, then integrates the upstream (NO_UPSTREAM without one): fast-forward when
 * possible, else a merge that commits when clean. When the merge has conflicts it stops
 * with them in the index and work tree (merge state kept, see the status' Conflicts)
 * and fails with TANDEM_GIT_ERROR_CONFLICTS. Local changes that the update would
 * overwrite fail with WOULD_OVERWRITE before anything changes. */
void                tandem_git_repository_pull_async  (TandemGitRepository  *self,
                                                       TandemGitOperation   *operation,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
TandemGitPullResult tandem_git_repository_pull_finish (TandemGitRepository  *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Pushes the current branch to its upstream's remote, or on the first push to "origin"
 * under the same name, then sets that as its upstream. Fails with NON_FAST_FORWARD
 * ("pull first") or REJECTED with the server's reason (pre-receive hook messages are in
 * the error message). */
void     tandem_git_repository_push_async  (TandemGitRepository  *self,
                                            TandemGitOperation   *operation,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean tandem_git_repository_push_finish (TandemGitRepository  *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
