/* tandem-git-error.h
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

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_GIT_ERROR (tandem_git_error_quark ())

/* Cancellation is reported as G_IO_ERROR_CANCELLED, never with this domain. */
typedef enum
{
  TANDEM_GIT_ERROR_FAILED,            /* anything else; the message says what */
  TANDEM_GIT_ERROR_NOT_A_REPOSITORY,
  TANDEM_GIT_ERROR_IDENTITY_MISSING,  /* user.name or user.email not set */
  TANDEM_GIT_ERROR_NOTHING_TO_COMMIT,
  TANDEM_GIT_ERROR_EMPTY_MESSAGE,
  TANDEM_GIT_ERROR_WOULD_OVERWRITE,   /* local changes would be overwritten (switch, pull) */
  TANDEM_GIT_ERROR_UNMERGED,          /* deleting a branch with work not merged */
  TANDEM_GIT_ERROR_EXISTS,            /* branch name taken */
  TANDEM_GIT_ERROR_INVALID_NAME,
  TANDEM_GIT_ERROR_DIFF_CHANGED,      /* the hunk to apply no longer matches the file */
  TANDEM_GIT_ERROR_CONFLICTS,         /* merge stopped with conflicted files */
  TANDEM_GIT_ERROR_NO_REMOTE,
  TANDEM_GIT_ERROR_NO_UPSTREAM,
  TANDEM_GIT_ERROR_AUTH_FAILED,       /* every credential was tried once; message lists them */
  TANDEM_GIT_ERROR_CERTIFICATE,       /* TLS certificate not trusted and not accepted */
  TANDEM_GIT_ERROR_HOST_KEY,          /* SSH host key unknown/changed and not accepted */
  TANDEM_GIT_ERROR_REJECTED,          /* the server refused a ref (hook message in text) */
  TANDEM_GIT_ERROR_NON_FAST_FORWARD,  /* push needs a pull first */
  TANDEM_GIT_ERROR_DESTINATION_NOT_EMPTY,
  TANDEM_GIT_ERROR_NETWORK,           /* host not found, refused, timed out */
} TandemGitError;

GQuark tandem_git_error_quark (void);

/* Sets @error from libgit2's last error of this thread for a return code @rc (< 0) of
 * the operation described by @what (a translated phrase such as "Could not stage"). */
void   tandem_git_error_set_from_libgit2 (GError     **error,
                                          int          rc,
                                          const char  *what);

G_END_DECLS
