/* tandem-git-operation-private.h
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

G_BEGIN_DECLS

/* The worker-thread side of TandemGitOperation, for tandem-git-remote.c only. Every
 * function here may be called from the thread running the network operation. */

typedef enum
{
  TANDEM_GIT_PHASE_RECEIVING,
  TANDEM_GIT_PHASE_RESOLVING,
  TANDEM_GIT_PHASE_WRITING,
} TandemGitPhase;

typedef struct
{
  TandemGitPromptKind  kind;
  const char          *url;
  const char          *host;
  const char          *username;
  const char          *key_path;
  const char          *fingerprint;
  const char          *detail;
  gboolean             retry;
} TandemGitPromptRequest;

typedef struct
{
  gboolean              answered;  /* FALSE: the user closed the prompt, or cancel */
  TandemGitPromptTrust  trust;
  char                 *username;
  char                 *secret;    /* password, token or passphrase; wiped by clear() */
  gboolean              remember;
} TandemGitPromptAnswer;

void     _tandem_git_operation_reset         (TandemGitOperation           *self);
/* Records progress; returns FALSE when the operation was cancelled. */
gboolean _tandem_git_operation_report        (TandemGitOperation           *self,
                                              TandemGitPhase                phase,
                                              guint                         current,
                                              guint                         total,
                                              guint64                       bytes);
gboolean _tandem_git_operation_report_remote (TandemGitOperation           *self,
                                              const char                   *text,
                                              gsize                         length);
/* Every remote text line that is not a progress meter, joined with newlines. */
char    *_tandem_git_operation_dup_remote_messages (TandemGitOperation     *self);
/* Sends what is pending to the main thread now. */
void     _tandem_git_operation_flush         (TandemGitOperation           *self);
/* Emits "prompt" on the main thread and blocks until it is answered, the prompt is
 * dropped or the operation is cancelled. Returns answer->answered. */
gboolean _tandem_git_operation_ask           (TandemGitOperation           *self,
                                              const TandemGitPromptRequest *request,
                                              TandemGitPromptAnswer        *answer);
void     _tandem_git_prompt_answer_clear     (TandemGitPromptAnswer        *answer);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TandemGitPromptAnswer, _tandem_git_prompt_answer_clear)

G_END_DECLS
