/* git-servers.h
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

/* Real git servers for tests, each on a free port of 127.0.0.1 with its state in the
 * test's temp dir: git daemon (git://, push enabled), smart HTTP with basic auth over
 * http and https (a SoupServer in its own thread running `git http-backend` as CGI,
 * self-signed certificate for DNS:localhost made with the openssl CLI), and sshd with
 * a private config. A server that cannot start fails the test with the reason. */

typedef struct _GitTestServer GitTestServer;

/* Runs git with an identity in @dir (a work tree, or NULL) and fails the test when it
 * fails; returns its standard output. Arguments end with NULL. */
char          *git_test_run               (const char    *dir,
                                           ...) G_GNUC_NULL_TERMINATED;
/* A bare repository @root/@name with one commit on "main" adding README (and a
 * work tree @root/@name.seed holding that commit). Returns the bare repository's path. */
char          *git_test_make_bare         (const char    *root,
                                           const char    *name);

GitTestServer *git_test_daemon_start      (const char    *base_path);
/* With @user NULL, no authentication is asked. */
GitTestServer *git_test_http_start        (const char    *project_root,
                                           gboolean       tls,
                                           const char    *user,
                                           const char    *password);
/* An sshd that lets the current user in with the keys given to
 * git_test_ssh_authorize_key(). */
GitTestServer *git_test_ssh_start         (void);
void           git_test_server_stop       (GitTestServer *server);
guint          git_test_server_get_port   (GitTestServer *server);
/* The URL of @repo_path: a path below the server's root (daemon, http) or an absolute
 * one (ssh, with the current user in it unless @with_user is FALSE). */
char          *git_test_server_url        (GitTestServer *server,
                                           const char    *repo_path,
                                           gboolean       with_user);
/* HTTP: requests answered 401 so far, including the challenge of the first request. */
guint          git_test_server_get_n_unauthorized (GitTestServer *server);

/* SSH: "[127.0.0.1]:PORT ssh-ed25519 AAAA…", the line OpenSSH would write. */
const char    *git_test_ssh_get_known_hosts_line (GitTestServer *server);
/* SSH: the host key's "SHA256:…" fingerprint as ssh-keygen -l prints it. */
const char    *git_test_ssh_get_fingerprint      (GitTestServer *server);
void           git_test_ssh_authorize_key (GitTestServer *server,
                                           const char    *public_key_path);

/* Makes an ed25519 key pair at @path (+ ".pub"), encrypted when @passphrase is set. */
void           git_test_ssh_keygen        (const char    *path,
                                           const char    *passphrase);
/* The same with another key type ("rsa", "ecdsa"). */
void           git_test_ssh_keygen_type   (const char    *path,
                                           const char    *type,
                                           const char    *passphrase);
/* Starts a private ssh-agent and points SSH_AUTH_SOCK at it; add keys with
 * git_test_agent_add(). */
void           git_test_agent_start       (void);
void           git_test_agent_add         (const char    *private_key_path);
void           git_test_agent_stop        (void);

/* A private session bus with an unlocked throwaway gnome-keyring. */
void           git_test_keyring_start     (void);
void           git_test_keyring_stop      (void);

/* Whether any file below @path contains @needle. */
gboolean       git_test_tree_contains     (const char    *path,
                                           const char    *needle);

G_END_DECLS
