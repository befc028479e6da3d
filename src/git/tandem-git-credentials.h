/* tandem-git-credentials.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* Secrets and trust stores of the git area. Every function blocks (D-Bus or disk):
 * call them from worker threads only.
 *
 * HTTPS passwords and tokens live in the Secret Service under the schema
 * "io.github.tandemide.Tandem.GitCredential" with the attributes "protocol" ("https"),
 * "host" (the host name, with ":port" when the URL names a port) and "user". */

#define TANDEM_GIT_CREDENTIAL_SCHEMA_NAME "io.github.tandemide.Tandem.GitCredential"

/* Finds the secret for (@protocol, @host, @user), or for any user when @user is %NULL.
 * Returns FALSE with no error when there is none. */
gboolean tandem_git_credentials_lookup (const char    *protocol,
                                        const char    *host,
                                        const char    *user,
                                        char         **found_user,
                                        char         **found_secret,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Saves (or replaces) the secret for (@protocol, @host, @user). */
gboolean tandem_git_credentials_store  (const char    *protocol,
                                        const char    *host,
                                        const char    *user,
                                        const char    *secret,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Removes it; succeeds when there was none. */
gboolean tandem_git_credentials_delete (const char    *protocol,
                                        const char    *host,
                                        const char    *user,
                                        GCancellable  *cancellable,
                                        GError       **error);

typedef enum
{
  TANDEM_GIT_HOST_KEY_UNKNOWN,   /* no line for this host and key type */
  TANDEM_GIT_HOST_KEY_KNOWN,     /* a line with exactly this key */
  TANDEM_GIT_HOST_KEY_CHANGED,   /* a line with another key of the same type */
} TandemGitHostKeyStatus;

/* $HOME/.ssh/known_hosts (libgit2 reads the same file). */
char                  *tandem_git_known_hosts_dup_path (void);
/* The name OpenSSH writes for @host: "host" for port 22, else "[host]:port". */
char                  *tandem_git_known_hosts_format_host (const char *host,
                                                           guint       port);
/* Looks @host (plain or hashed entries) up in the known_hosts file at @path. */
TandemGitHostKeyStatus tandem_git_known_hosts_check   (const char  *path,
                                                       const char  *host,
                                                       guint        port,
                                                       const char  *key_type,
                                                       const char  *key_base64);
/* Appends "host key_type key_base64" to @path, creating its folder with mode 0700. */
gboolean               tandem_git_known_hosts_append  (const char  *path,
                                                       const char  *host,
                                                       guint        port,
                                                       const char  *key_type,
                                                       const char  *key_base64,
                                                       GError     **error);

G_END_DECLS
