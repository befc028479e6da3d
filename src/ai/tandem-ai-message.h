/* tandem-ai-message.h
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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TANDEM_AI_MESSAGE_ROLE_USER,
  TANDEM_AI_MESSAGE_ROLE_ASSISTANT,
  TANDEM_AI_MESSAGE_ROLE_SYSTEM,
  TANDEM_AI_MESSAGE_ROLE_TOOL,
} TandemAiMessageRole;

typedef enum
{
  TANDEM_AI_MESSAGE_STATE_COMPLETE,
  TANDEM_AI_MESSAGE_STATE_STREAMING,
  TANDEM_AI_MESSAGE_STATE_STOPPED,
  TANDEM_AI_MESSAGE_STATE_ERROR,
} TandemAiMessageState;

/* A part of a file attached to a message; lines are 1-based and 0 means "whole file". */
typedef struct
{
  char *path;
  guint start_line;
  guint end_line;
} TandemAiContextItem;

#define TANDEM_AI_TYPE_MESSAGE (tandem_ai_message_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiMessage, tandem_ai_message, TANDEM_AI, MESSAGE, GObject)

const char          *tandem_ai_message_role_to_string      (TandemAiMessageRole    role);
gboolean             tandem_ai_message_role_from_string    (const char            *str,
                                                            TandemAiMessageRole   *role);
const char          *tandem_ai_message_state_to_string     (TandemAiMessageState   state);
gboolean             tandem_ai_message_state_from_string   (const char            *str,
                                                            TandemAiMessageState  *state);

TandemAiMessage     *tandem_ai_message_new                 (TandemAiMessageRole    role,
                                                            const char            *text);
const char          *tandem_ai_message_get_id              (TandemAiMessage       *self);
TandemAiMessageRole  tandem_ai_message_get_role            (TandemAiMessage       *self);
const char          *tandem_ai_message_get_text            (TandemAiMessage       *self);
void                 tandem_ai_message_set_text            (TandemAiMessage       *self,
                                                            const char            *text);
void                 tandem_ai_message_append_text         (TandemAiMessage       *self,
                                                            const char            *text);
const char          *tandem_ai_message_get_model           (TandemAiMessage       *self);
void                 tandem_ai_message_set_model           (TandemAiMessage       *self,
                                                            const char            *model);
TandemAiMessageState tandem_ai_message_get_state           (TandemAiMessage       *self);
void                 tandem_ai_message_set_state           (TandemAiMessage       *self,
                                                            TandemAiMessageState   state);
const char          *tandem_ai_message_get_error_text      (TandemAiMessage       *self);
void                 tandem_ai_message_set_error           (TandemAiMessage       *self,
                                                            const char            *error_text);
gint64               tandem_ai_message_get_created         (TandemAiMessage       *self);
gint64               tandem_ai_message_get_updated         (TandemAiMessage       *self);
void                 tandem_ai_message_set_usage           (TandemAiMessage       *self,
                                                            gint64                 input_tokens,
                                                            gint64                 output_tokens);
gint64               tandem_ai_message_get_input_tokens    (TandemAiMessage       *self);
gint64               tandem_ai_message_get_output_tokens   (TandemAiMessage       *self);
void                 tandem_ai_message_add_tool_call       (TandemAiMessage       *self,
                                                            const char            *json);
guint                tandem_ai_message_get_n_tool_calls    (TandemAiMessage       *self);
const char          *tandem_ai_message_get_tool_call       (TandemAiMessage       *self,
                                                            guint                  index);
const char          *tandem_ai_message_get_tool_call_id    (TandemAiMessage       *self);
void                 tandem_ai_message_set_tool_call_id    (TandemAiMessage       *self,
                                                            const char            *tool_call_id);
void                 tandem_ai_message_add_context_item    (TandemAiMessage       *self,
                                                            const char            *path,
                                                            guint                  start_line,
                                                            guint                  end_line);
guint                tandem_ai_message_get_n_context_items (TandemAiMessage       *self);
const TandemAiContextItem *
                     tandem_ai_message_get_context_item    (TandemAiMessage       *self,
                                                            guint                  index);
const char          *tandem_ai_message_get_context_text    (TandemAiMessage       *self);
void                 tandem_ai_message_set_context_text    (TandemAiMessage       *self,
                                                            const char            *context_text);
JsonNode            *tandem_ai_message_to_json             (TandemAiMessage       *self);
TandemAiMessage     *tandem_ai_message_new_from_json       (JsonNode              *node,
                                                            GError               **error);

G_END_DECLS
