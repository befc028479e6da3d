/* tandem-ai-event.c
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

#define G_LOG_DOMAIN "tandem-ai"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-ai-event.h"

G_DEFINE_BOXED_TYPE (TandemAiEvent, tandem_ai_event, tandem_ai_event_ref, tandem_ai_event_unref)

static void
tandem_ai_event_clear (TandemAiEvent *self)
{
  g_assert (self != NULL);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->args, json_node_unref);
  g_clear_error (&self->args_error);
}

/**
 * tandem_ai_event_new:
 * @kind: the kind of event
 *
 * Returns: (transfer full): a new event with every field unset
 */
TandemAiEvent *
tandem_ai_event_new (TandemAiEventKind kind)
{
  TandemAiEvent *self = g_atomic_rc_box_new0 (TandemAiEvent);

  self->kind = kind;
  self->index = -1;
  self->input_tokens = -1;
  self->output_tokens = -1;
  self->cached_tokens = -1;
  self->retry_after_ms = -1;
  return self;
}

TandemAiEvent *
tandem_ai_event_ref (TandemAiEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
tandem_ai_event_unref (TandemAiEvent *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) tandem_ai_event_clear);
}

TandemAiEvent *
tandem_ai_event_new_message_start (const char *id,
                                   const char *model)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_MESSAGE_START);

  self->id = g_strdup (id);
  self->model = g_strdup (model);
  return self;
}

/**
 * tandem_ai_event_new_text:
 * @kind: %TANDEM_AI_EVENT_TEXT_DELTA or %TANDEM_AI_EVENT_REASONING_DELTA
 * @text: the text
 * @len: its length in bytes, or -1 when nul-terminated
 *
 * Returns: (transfer full): the event
 */
TandemAiEvent *
tandem_ai_event_new_text (TandemAiEventKind  kind,
                          const char        *text,
                          gssize             len)
{
  TandemAiEvent *self;

  g_return_val_if_fail (kind == TANDEM_AI_EVENT_TEXT_DELTA ||
                        kind == TANDEM_AI_EVENT_REASONING_DELTA, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = tandem_ai_event_new (kind);
  self->text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  return self;
}

TandemAiEvent *
tandem_ai_event_new_tool_start (int         index,
                                const char *id,
                                const char *name)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_TOOL_CALL_START);

  self->index = index;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  return self;
}

TandemAiEvent *
tandem_ai_event_new_tool_args (int         index,
                               const char *fragment)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA);

  self->index = index;
  self->text = g_strdup (fragment ? fragment : "");
  return self;
}

/**
 * tandem_ai_event_new_tool_end:
 * @index: the tool call's index in the turn
 * @id: (nullable): the call id
 * @name: (nullable): the tool name
 * @raw_args: (nullable): the concatenated argument text; empty or %NULL means `{}`
 *
 * Parses @raw_args. When it is not a JSON object, args is %NULL and args_error says
 * why, so the error can be given back to the model instead of ending the turn.
 *
 * Returns: (transfer full): the event
 */
TandemAiEvent *
tandem_ai_event_new_tool_end (int         index,
                              const char *id,
                              const char *name,
                              const char *raw_args)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_TOOL_CALL_END);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (raw_args ? raw_args : ""));

  self->index = index;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->text = g_strdup (raw_args ? raw_args : "");

  if (stripped[0] == '\0')
    {
      self->args = json_node_init_object (json_node_alloc (), json_object_new ());
      return self;
    }

  if (!json_parser_load_from_data (parser, stripped, -1, &error))
    {
      self->args_error = g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                                      _("The tool arguments are not valid JSON: %s"),
                                      error->message);
      return self;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      self->args_error = g_error_new_literal (TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                                              _("The tool arguments are not a JSON object"));
      return self;
    }

  self->args = json_parser_steal_root (parser);
  return self;
}

TandemAiEvent *
tandem_ai_event_new_usage (gint64 input_tokens,
                           gint64 output_tokens,
                           gint64 cached_tokens)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_USAGE);

  self->input_tokens = input_tokens;
  self->output_tokens = output_tokens;
  self->cached_tokens = cached_tokens;
  return self;
}

TandemAiEvent *
tandem_ai_event_new_finish (TandemAiFinishReason reason)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_FINISH);

  self->reason = reason;
  return self;
}

TandemAiEvent *
tandem_ai_event_new_error (guint              http_status,
                           TandemAiErrorKind  error_kind,
                           const char        *message,
                           gint64             retry_after_ms)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_ERROR);

  self->http_status = http_status;
  self->error_kind = error_kind;
  self->text = g_strdup (message);
  self->retry_after_ms = retry_after_ms;
  return self;
}

TandemAiEvent *
tandem_ai_event_new_retry (guint  attempt,
                           gint64 delay_ms,
                           guint  http_status)
{
  TandemAiEvent *self = tandem_ai_event_new (TANDEM_AI_EVENT_RETRY);

  self->attempt = attempt;
  self->retry_after_ms = delay_ms;
  self->http_status = http_status;
  return self;
}

const char *
tandem_ai_event_kind_to_string (TandemAiEventKind kind)
{
  switch (kind)
    {
    case TANDEM_AI_EVENT_MESSAGE_START: return "message_start";
    case TANDEM_AI_EVENT_TEXT_DELTA: return "text_delta";
    case TANDEM_AI_EVENT_REASONING_DELTA: return "reasoning_delta";
    case TANDEM_AI_EVENT_TOOL_CALL_START: return "tool_call_start";
    case TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA: return "tool_call_args_delta";
    case TANDEM_AI_EVENT_TOOL_CALL_END: return "tool_call_end";
    case TANDEM_AI_EVENT_USAGE: return "usage";
    case TANDEM_AI_EVENT_FINISH: return "finish";
    case TANDEM_AI_EVENT_ERROR: return "error";
    case TANDEM_AI_EVENT_RETRY: return "retry";
    default: return "unknown";
    }
}

const char *
tandem_ai_finish_reason_to_string (TandemAiFinishReason reason)
{
  switch (reason)
    {
    case TANDEM_AI_FINISH_STOP: return "stop";
    case TANDEM_AI_FINISH_LENGTH: return "length";
    case TANDEM_AI_FINISH_TOOL_CALLS: return "tool_calls";
    case TANDEM_AI_FINISH_REFUSAL: return "refusal";
    case TANDEM_AI_FINISH_CONTENT_FILTER: return "content_filter";
    case TANDEM_AI_FINISH_ERROR: return "error";
    default: return "unknown";
    }
}
