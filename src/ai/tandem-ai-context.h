/* tandem-ai-context.h
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

/* What the user attaches to a question: the current file, the selection, any project
 * file picked with "@", and the project's AGENTS.md instructions. */
typedef enum
{
  TANDEM_AI_ATTACHMENT_FILE,
  TANDEM_AI_ATTACHMENT_SELECTION,
} TandemAiAttachmentKind;

typedef struct
{
  TandemAiAttachmentKind  kind;
  char                *path;        /* as shown to the model: relative to the project */
  char                *language;    /* fence info, e.g. "c"; may be NULL */
  char                *text;
  guint                first_line;  /* 1-based; 0 when the whole file */
  guint                last_line;
} TandemAiAttachment;

typedef enum
{
  TANDEM_AI_QUICK_EXPLAIN,
  TANDEM_AI_QUICK_WRITE_TESTS,
  TANDEM_AI_QUICK_OPTIMIZE,
  TANDEM_AI_QUICK_FIX,
} TandemAiQuickAction;

/* Files larger than this are attached only in part, with a note. */
#define TANDEM_AI_CONTEXT_MAX_FILE_BYTES (256 * 1024)
#define TANDEM_AI_INSTRUCTIONS_MAX_BYTES (64 * 1024)

TandemAiAttachment *tandem_ai_attachment_new        (TandemAiAttachmentKind   kind,
                                                        const char           *path,
                                                        const char           *language,
                                                        const char           *text,
                                                        guint                 first_line,
                                                        guint                 last_line);
void                 tandem_ai_attachment_free       (TandemAiAttachment  *item);
char                *tandem_ai_attachment_dup_label  (TandemAiAttachment  *item);
char                *tandem_ai_context_render          (GPtrArray            *items);
char                *tandem_ai_context_build_system    (const char           *instructions);
gint64               tandem_ai_estimate_tokens         (const char           *text);
char                *tandem_ai_quick_action_prompt     (TandemAiQuickAction   action,
                                                        const char           *path,
                                                        const char           *language);
const char          *tandem_ai_quick_action_get_label  (TandemAiQuickAction   action);
void                 tandem_ai_context_read_file_async (GFile                *file,
                                                        gsize                 max_bytes,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char                *tandem_ai_context_read_file_finish (GAsyncResult        *result,
                                                        gboolean             *truncated,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiAttachment, tandem_ai_attachment_free)

G_END_DECLS
