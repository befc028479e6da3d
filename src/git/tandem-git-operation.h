/* tandem-git-operation.h
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

/* A network operation in progress (clone, fetch, pull, push): progress for the UI,
 * Cancel, and the questions the worker thread must ask the user (credentials, host keys,
 * certificates). Properties change and signals are emitted on the main thread only. */

typedef enum
{
  TANDEM_GIT_PROMPT_USERNAME,     /* SSH URL without user@: fill username */
  TANDEM_GIT_PROMPT_USERPASS,     /* HTTPS: username + password or token, "remember" */
  TANDEM_GIT_PROMPT_PASSPHRASE,   /* passphrase of the key file in key_path */
  TANDEM_GIT_PROMPT_HOST_KEY,     /* unknown SSH host key: accept once / always / reject */
  TANDEM_GIT_PROMPT_CERTIFICATE,  /* untrusted TLS certificate: accept for this host / reject */
} TandemGitPromptKind;

typedef enum
{
  TANDEM_GIT_PROMPT_REJECT,
  TANDEM_GIT_PROMPT_ACCEPT_ONCE,
  TANDEM_GIT_PROMPT_ACCEPT_ALWAYS,
} TandemGitPromptTrust;

#define TANDEM_TYPE_GIT_PROMPT (tandem_git_prompt_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitPrompt, tandem_git_prompt, TANDEM, GIT_PROMPT, GObject)

TandemGitPromptKind tandem_git_prompt_get_kind        (TandemGitPrompt *self);
const char         *tandem_git_prompt_get_url         (TandemGitPrompt *self);
const char         *tandem_git_prompt_get_host        (TandemGitPrompt *self);
/* The user name known so far (from the URL or the keyring), or %NULL. */
const char         *tandem_git_prompt_get_username    (TandemGitPrompt *self);
/* PASSPHRASE: the private key file. */
const char         *tandem_git_prompt_get_key_path    (TandemGitPrompt *self);
/* HOST_KEY: "SHA256:…" as ssh-keygen prints it, and the key type ("ssh-ed25519").
 * CERTIFICATE: the SHA-256 of the certificate as colon-separated hex, and the reason. */
const char         *tandem_git_prompt_get_fingerprint (TandemGitPrompt *self);
const char         *tandem_git_prompt_get_detail      (TandemGitPrompt *self);
/* USERPASS/PASSPHRASE: TRUE when an earlier answer was refused by the server. */
gboolean            tandem_git_prompt_get_retry       (TandemGitPrompt *self);

/* Answers; exactly one of them (or cancel) must be called once, on the main thread. */
void tandem_git_prompt_reply_username   (TandemGitPrompt      *self,
                                         const char           *username);
void tandem_git_prompt_reply_userpass   (TandemGitPrompt      *self,
                                         const char           *username,
                                         const char           *password,
                                         gboolean              remember);
void tandem_git_prompt_reply_passphrase (TandemGitPrompt      *self,
                                         const char           *passphrase);
void tandem_git_prompt_reply_trust      (TandemGitPrompt      *self,
                                         TandemGitPromptTrust  trust);
/* The user closed the dialog: the operation fails (AUTH_FAILED, HOST_KEY or CERTIFICATE). */
void tandem_git_prompt_cancel           (TandemGitPrompt      *self);

#define TANDEM_TYPE_GIT_OPERATION (tandem_git_operation_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitOperation, tandem_git_operation, TANDEM, GIT_OPERATION, GObject)

TandemGitOperation *tandem_git_operation_new              (void);
/* Cancels the transfer; the async call finishes with G_IO_ERROR_CANCELLED. */
void                tandem_git_operation_cancel           (TandemGitOperation *self);
GCancellable       *tandem_git_operation_get_cancellable  (TandemGitOperation *self);
/* Properties "fraction" (0..1, -1 while unknown), "text" (a translated line such as
 * "Receiving objects: 45 % (450/1000), 1.2 MB at 300 kB/s"), "received-objects",
 * "total-objects", "received-bytes", "bytes-per-second", "remote-text" (the server's
 * last sideband line, e.g. "Counting objects…" or hook output). */
double              tandem_git_operation_get_fraction     (TandemGitOperation *self);
const char         *tandem_git_operation_get_text         (TandemGitOperation *self);
guint               tandem_git_operation_get_received_objects (TandemGitOperation *self);
guint               tandem_git_operation_get_total_objects    (TandemGitOperation *self);
guint64             tandem_git_operation_get_received_bytes   (TandemGitOperation *self);
guint64             tandem_git_operation_get_bytes_per_second (TandemGitOperation *self);
const char         *tandem_git_operation_get_remote_text  (TandemGitOperation *self);

/* Signal "prompt" (TandemGitPrompt *prompt): a question for the user. A handler keeps a
 * reference and answers later; with no handler connected the prompt is cancelled. */

G_END_DECLS
