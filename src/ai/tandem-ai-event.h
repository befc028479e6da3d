/* tandem-ai-event.h
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

#include <json-glib/json-glib.h>

#include "tandem-ai-error.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_AI_EVENT (tandem_ai_event_get_type ())

/* The normalised event model (AI-PROTOCOLS.md B.0) that every provider's stream is
 * turned into. RETRY is ours: the client waits before trying again. */
typedef enum
{
  TANDEM_AI_EVENT_MESSAGE_START,
  TANDEM_AI_EVENT_TEXT_DELTA,
  TANDEM_AI_EVENT_REASONING_DELTA,
  TANDEM_AI_EVENT_TOOL_CALL_START,
  TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA,
  TANDEM_AI_EVENT_TOOL_CALL_END,
  TANDEM_AI_EVENT_USAGE,
  TANDEM_AI_EVENT_FINISH,
  TANDEM_AI_EVENT_ERROR,
  TANDEM_AI_EVENT_RETRY,
} TandemAiEventKind;

typedef enum
{
  TANDEM_AI_FINISH_STOP,
  TANDEM_AI_FINISH_LENGTH,
  TANDEM_AI_FINISH_TOOL_CALLS,
  TANDEM_AI_FINISH_REFUSAL,
  TANDEM_AI_FINISH_CONTENT_FILTER,
  TANDEM_AI_FINISH_ERROR,
} TandemAiFinishReason;

/* A read-only record once created. Which fields are set depends on @kind:
 *  MESSAGE_START        id, model
 *  TEXT_DELTA           text
 *  REASONING_DELTA      text
 *  TOOL_CALL_START      index, id, name
 *  TOOL_CALL_ARGS_DELTA index, text (a fragment of JSON text)
 *  TOOL_CALL_END        index, id, name, text (the whole raw arguments), and either
 *                       args (parsed) or args_error (the raw text is not valid JSON)
 *  USAGE                input_tokens, output_tokens, cached_tokens (-1 when unknown)
 *  FINISH               reason
 *  ERROR                http_status (0 when none), error_kind, text (a plain message),
 *                       retry_after_ms (-1 when none)
 *  RETRY                attempt (1-based), retry_after_ms (the wait), http_status */
typedef struct
{
  TandemAiEventKind    kind;
  int                  index;
  char                *id;
  char                *model;
  char                *name;
  char                *text;
  JsonNode            *args;
  GError              *args_error;
  gint64               input_tokens;
  gint64               output_tokens;
  gint64               cached_tokens;
  TandemAiFinishReason reason;
  guint                http_status;
  TandemAiErrorKind    error_kind;
  gint64               retry_after_ms;
  guint                attempt;
} TandemAiEvent;

GType          tandem_ai_event_get_type          (void) G_GNUC_CONST;
TandemAiEvent *tandem_ai_event_new               (TandemAiEventKind     kind);
TandemAiEvent *tandem_ai_event_ref               (TandemAiEvent        *self);
void           tandem_ai_event_unref             (TandemAiEvent        *self);
TandemAiEvent *tandem_ai_event_new_message_start (const char           *id,
                                                  const char           *model);
TandemAiEvent *tandem_ai_event_new_text          (TandemAiEventKind     kind,
                                                  const char           *text,
                                                  gssize                len);
TandemAiEvent *tandem_ai_event_new_tool_start    (int                   index,
                                                  const char           *id,
                                                  const char           *name);
TandemAiEvent *tandem_ai_event_new_tool_args     (int                   index,
                                                  const char           *fragment);
TandemAiEvent *tandem_ai_event_new_tool_end      (int                   index,
                                                  const char           *id,
                                                  const char           *name,
                                                  const char           *raw_args);
TandemAiEvent *tandem_ai_event_new_usage         (gint64                input_tokens,
                                                  gint64                output_tokens,
                                                  gint64                cached_tokens);
TandemAiEvent *tandem_ai_event_new_finish        (TandemAiFinishReason  reason);
TandemAiEvent *tandem_ai_event_new_error         (guint                 http_status,
                                                  TandemAiErrorKind     error_kind,
                                                  const char           *message,
                                                  gint64                retry_after_ms);
TandemAiEvent *tandem_ai_event_new_retry         (guint                 attempt,
                                                  gint64                delay_ms,
                                                  guint                 http_status);
const char    *tandem_ai_event_kind_to_string    (TandemAiEventKind     kind);
const char    *tandem_ai_finish_reason_to_string (TandemAiFinishReason  reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiEvent, tandem_ai_event_unref)

G_END_DECLS
