/* tandem-ai-openai.c
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

#include "tandem-ai-openai.h"
#include "tandem-sse-parser.h"

struct _TandemAiOpenai
{
  GObject parent_instance;

  guint stream_usage : 1;
};

typedef struct
{
  int      openai_index;
  char    *id;
  char    *name;
  GString *args;
  gboolean ended;
} OpenaiCall;

typedef struct
{
  TandemAiDecoder       parent;
  TandemSseParser      *sse;
  GPtrArray            *events;  /* borrowed during feed */
  GPtrArray            *calls;
  TandemAiFinishReason  reason;
  guint                 started : 1;
  guint                 reason_seen : 1;
  guint                 done : 1;
  guint                 failed : 1;
} OpenaiDecoder;

static void provider_iface_init (TandemAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiOpenai, tandem_ai_openai, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TANDEM_TYPE_AI_PROVIDER, provider_iface_init))

static void
openai_call_free (gpointer data)
{
  OpenaiCall *call = data;

  g_free (call->id);
  g_free (call->name);
  g_string_free (call->args, TRUE);
  g_free (call);
}

static void
openai_decoder_end_calls (OpenaiDecoder *self)
{
  g_assert (self != NULL);

  for (guint i = 0; i < self->calls->len; i++)
    {
      OpenaiCall *call = g_ptr_array_index (self->calls, i);

      if (call->ended)
        continue;
      call->ended = TRUE;
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_tool_end (i, call->id, call->name, call->args->str));
    }
}

static void
openai_decoder_finish_turn (OpenaiDecoder *self)
{
  g_assert (self != NULL);

  openai_decoder_end_calls (self);
  g_ptr_array_add (self->events, tandem_ai_event_new_finish (self->reason));
  self->done = TRUE;
}

static TandemAiFinishReason
openai_map_reason (const char *reason)
{
  if (g_strcmp0 (reason, "length") == 0)
    return TANDEM_AI_FINISH_LENGTH;
  if (g_strcmp0 (reason, "tool_calls") == 0 || g_strcmp0 (reason, "function_call") == 0)
    return TANDEM_AI_FINISH_TOOL_CALLS;
  if (g_strcmp0 (reason, "content_filter") == 0)
    return TANDEM_AI_FINISH_CONTENT_FILTER;
  return TANDEM_AI_FINISH_STOP;
}

static void
openai_decoder_tool_delta (OpenaiDecoder *self,
                           JsonObject    *delta)
{
  JsonObject *function = tandem_ai_json_get_object (delta, "function");
  const char *id = tandem_ai_json_get_string (delta, "id");
  const char *name = tandem_ai_json_get_string (function, "name");
  const char *args = tandem_ai_json_get_string (function, "arguments");
  int openai_index = (int) tandem_ai_json_get_int (delta, "index", 0);
  OpenaiCall *call = NULL;
  guint slot = 0;

  g_assert (self != NULL);

  for (guint i = self->calls->len; i > 0; i--)
    {
      OpenaiCall *c = g_ptr_array_index (self->calls, i - 1);

      if (c->openai_index == openai_index)
        {
          call = c;
          slot = i - 1;
          break;
        }
    }

  /* Some servers reuse index 0 for every call of a parallel batch and differ only by
   * id: key the calls on (index, id). */
  if (call == NULL || call->ended || (id != NULL && *id && g_strcmp0 (id, call->id) != 0))
    {
      call = g_new0 (OpenaiCall, 1);
      call->openai_index = openai_index;
      call->id = (id && *id) ? g_strdup (id) : g_strdup_printf ("call_%u", self->calls->len);
      call->name = g_strdup (name);
      call->args = g_string_new (NULL);
      slot = self->calls->len;
      g_ptr_array_add (self->calls, call);
      g_ptr_array_add (self->events, tandem_ai_event_new_tool_start (slot, call->id, call->name));
    }
  else if (call->name == NULL && name != NULL)
    call->name = g_strdup (name);

  if (args != NULL && args[0] != '\0')
    {
      g_string_append (call->args, args);
      g_ptr_array_add (self->events, tandem_ai_event_new_tool_args (slot, args));
    }
}

static void
openai_decoder_chunk (OpenaiDecoder *self,
                      JsonObject    *chunk)
{
  g_autofree char *message = NULL;
  JsonObject *usage;
  JsonArray *choices;

  g_assert (self != NULL);

  if (json_object_has_member (chunk, "error"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), chunk);

      message = tandem_ai_json_dup_error_message (node, NULL);
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_error (0, TANDEM_AI_ERROR_STREAM,
                                                  message ? message : _("The server reported an error"),
                                                  -1));
      self->failed = TRUE;
      return;
    }

  if (!self->started)
    {
      self->started = TRUE;
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_message_start (tandem_ai_json_get_string (chunk, "id"),
                                                          tandem_ai_json_get_string (chunk, "model")));
    }

  choices = tandem_ai_json_get_array (chunk, "choices");
  if (choices != NULL && json_array_get_length (choices) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (choices, 0)))
    {
      JsonObject *choice = json_array_get_object_element (choices, 0);
      JsonObject *delta = tandem_ai_json_get_object (choice, "delta");
      JsonArray *tool_calls = tandem_ai_json_get_array (delta, "tool_calls");
      const char *reason = tandem_ai_json_get_string (choice, "finish_reason");
      const char *text;

      if ((text = tandem_ai_json_get_string (delta, "reasoning_content")) != NULL ||
          (text = tandem_ai_json_get_string (delta, "reasoning")) != NULL)
        {
          if (*text)
            g_ptr_array_add (self->events,
                             tandem_ai_event_new_text (TANDEM_AI_EVENT_REASONING_DELTA, text, -1));
        }

      if ((text = tandem_ai_json_get_string (delta, "content")) != NULL && *text)
        g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_TEXT_DELTA, text, -1));

      if ((text = tandem_ai_json_get_string (delta, "refusal")) != NULL && *text)
        g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_TEXT_DELTA, text, -1));

      if (tool_calls != NULL)
        {
          for (guint i = 0; i < json_array_get_length (tool_calls); i++)
            {
              if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (tool_calls, i)))
                openai_decoder_tool_delta (self, json_array_get_object_element (tool_calls, i));
            }
        }

      if (reason != NULL)
        {
          self->reason = openai_map_reason (reason);
          self->reason_seen = TRUE;
          openai_decoder_end_calls (self);
        }
    }

  if ((usage = tandem_ai_json_get_object (chunk, "usage")) != NULL)
    {
      JsonObject *details = tandem_ai_json_get_object (usage, "prompt_tokens_details");

      g_ptr_array_add (self->events,
                       tandem_ai_event_new_usage (tandem_ai_json_get_int (usage, "prompt_tokens", -1),
                                                  tandem_ai_json_get_int (usage, "completion_tokens", -1),
                                                  tandem_ai_json_get_int (details, "cached_tokens", -1)));
    }
}

static void
openai_decoder_sse_event (const char *event_type,
                          const char *data,
                          gsize       data_len,
                          const char *last_event_id,
                          gpointer    user_data)
{
  OpenaiDecoder *self = user_data;
  g_autoptr(JsonNode) root = NULL;

  g_assert (self != NULL);

  if (self->failed || self->done)
    return;

  if (g_str_has_prefix (data, "[DONE]"))
    {
      openai_decoder_finish_turn (self);
      return;
    }

  if ((root = tandem_ai_json_parse_event (data, data_len, self->events)) == NULL)
    {
      self->failed = TRUE;
      return;
    }

  openai_decoder_chunk (self, json_node_get_object (root));
}

static gboolean
openai_decoder_feed (TandemAiDecoder *decoder,
                     const char      *data,
                     gsize            len,
                     GPtrArray       *events)
{
  OpenaiDecoder *self = (OpenaiDecoder *) decoder;
  g_autoptr(GError) error = NULL;

  if (self->failed)
    return FALSE;

  self->events = events;
  if (!tandem_sse_parser_feed (self->sse, data, len, &error))
    {
      g_ptr_array_add (events,
                       tandem_ai_event_new_error (0, TANDEM_AI_ERROR_MALFORMED,
                                                  _("The answer could not be read: an event is too large"),
                                                  -1));
      self->failed = TRUE;
    }
  self->events = NULL;

  return !self->failed;
}

static void
openai_decoder_finish (TandemAiDecoder *decoder,
                       GPtrArray       *events)
{
  OpenaiDecoder *self = (OpenaiDecoder *) decoder;

  if (self->failed || self->done)
    return;

  self->events = events;
  tandem_sse_parser_finish (self->sse);
  /* Some compatible servers end with finish_reason and no [DONE]. */
  if (self->reason_seen)
    openai_decoder_finish_turn (self);
  else
    {
      tandem_ai_decoder_add_cut_error (events);
      self->failed = TRUE;
    }
  self->events = NULL;
}

static void
openai_decoder_free (TandemAiDecoder *decoder)
{
  OpenaiDecoder *self = (OpenaiDecoder *) decoder;

  tandem_sse_parser_free (self->sse);
  g_ptr_array_unref (self->calls);
  g_free (self);
}

static TandemAiDecoder *
tandem_ai_openai_new_decoder (TandemAiProvider *provider)
{
  OpenaiDecoder *self = g_new0 (OpenaiDecoder, 1);

  self->parent.feed = openai_decoder_feed;
  self->parent.finish = openai_decoder_finish;
  self->parent.free = openai_decoder_free;
  self->sse = tandem_sse_parser_new (openai_decoder_sse_event, self);
  self->calls = g_ptr_array_new_with_free_func (openai_call_free);
  self->reason = TANDEM_AI_FINISH_STOP;
  return &self->parent;
}

static const char *
tandem_ai_openai_get_kind (TandemAiProvider *provider)
{
  return "openai";
}

static gboolean
is_openai_host (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_host (uri), "api.openai.com") == 0;
}

static void
add_message (JsonBuilder         *builder,
             TandemAiChatMessage *message)
{
  g_assert (builder != NULL);
  g_assert (message != NULL);

  json_builder_begin_object (builder);
  switch (message->role)
    {
    case TANDEM_AI_ROLE_USER:
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "user");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, message->content ? message->content : "");
      break;

    case TANDEM_AI_ROLE_ASSISTANT:
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "assistant");
      json_builder_set_member_name (builder, "content");
      if (message->content != NULL && message->content[0] != '\0')
        json_builder_add_string_value (builder, message->content);
      else
        json_builder_add_null_value (builder);
      if (message->tool_calls != NULL && message->tool_calls->len > 0)
        {
          json_builder_set_member_name (builder, "tool_calls");
          json_builder_begin_array (builder);
          for (guint i = 0; i < message->tool_calls->len; i++)
            {
              TandemAiToolCall *call = g_ptr_array_index (message->tool_calls, i);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, call->id);
              json_builder_set_member_name (builder, "type");
              json_builder_add_string_value (builder, "function");
              json_builder_set_member_name (builder, "function");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, call->name);
              /* A JSON-encoded string, not an object. */
              json_builder_set_member_name (builder, "arguments");
              json_builder_add_string_value (builder, call->arguments);
              json_builder_end_object (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      break;

    case TANDEM_AI_ROLE_TOOL:
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "tool");
      json_builder_set_member_name (builder, "tool_call_id");
      json_builder_add_string_value (builder, message->tool_call_id);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, message->content);
      break;

    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);
}

static SoupMessage *
tandem_ai_openai_build_chat_message (TandemAiProvider           *provider,
                                     const TandemAiChatRequest  *request,
                                     GError                    **error)
{
  TandemAiOpenai *self = TANDEM_AI_OPENAI (provider);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessage *message;

  if (!(uri = tandem_ai_provider_build_uri (provider, "/v1/chat/completions", error)))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, request->model);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (request->system != NULL && request->system[0] != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "system");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, request->system);
      json_builder_end_object (builder);
    }
  for (guint i = 0; i < request->messages->len; i++)
    add_message (builder, g_ptr_array_index (request->messages, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);

  /* Only servers known to accept it get stream_options. */
  if (self->stream_usage || is_openai_host (uri))
    {
      json_builder_set_member_name (builder, "stream_options");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "include_usage");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }

  tandem_ai_provider_add_function_tools (builder, request);

  if (request->max_tokens > 0)
    {
      json_builder_set_member_name (builder, is_openai_host (uri) ? "max_completion_tokens" : "max_tokens");
      json_builder_add_int_value (builder, request->max_tokens);
    }

  if (request->temperature >= 0)
    {
      json_builder_set_member_name (builder, "temperature");
      json_builder_add_double_value (builder, request->temperature);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  message = tandem_ai_provider_new_json_post (uri, root);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "text/event-stream");
  return message;
}

static SoupMessage *
tandem_ai_openai_build_models_message (TandemAiProvider  *provider,
                                       GError           **error)
{
  g_autoptr(GUri) uri = tandem_ai_provider_build_uri (provider, "/v1/models", error);

  return uri ? soup_message_new_from_uri (SOUP_METHOD_GET, uri) : NULL;
}

static TandemAiModelInfo *
openai_parse_model_item (JsonObject *item)
{
  const char *id = tandem_ai_json_get_string (item, "id");
  TandemAiModelInfo *info;

  if (id == NULL)
    return NULL;

  info = tandem_ai_model_info_new (id);
  info->display_name = g_strdup (tandem_ai_json_get_string (item, "name"));
  /* OpenRouter says context_length; llama.cpp says meta.n_ctx_train. */
  info->context_length = tandem_ai_json_get_int (item, "context_length", 0);
  if (info->context_length <= 0)
    info->context_length = tandem_ai_json_get_int (tandem_ai_json_get_object (item, "meta"),
                                                   "n_ctx_train", 0);
  return info;
}

static GPtrArray *
tandem_ai_openai_parse_models (TandemAiProvider  *provider,
                               JsonNode          *root,
                               GError           **error)
{
  return tandem_ai_provider_parse_model_list (root, "data", openai_parse_model_item, error);
}

static void
provider_iface_init (TandemAiProviderInterface *iface)
{
  iface->get_kind = tandem_ai_openai_get_kind;
  iface->build_chat_message = tandem_ai_openai_build_chat_message;
  iface->new_decoder = tandem_ai_openai_new_decoder;
  iface->add_auth_headers = tandem_ai_provider_add_bearer_auth;
  iface->build_models_message = tandem_ai_openai_build_models_message;
  iface->parse_models = tandem_ai_openai_parse_models;
}

static void
tandem_ai_openai_class_init (TandemAiOpenaiClass *klass)
{
}

static void
tandem_ai_openai_init (TandemAiOpenai *self)
{
}

/**
 * tandem_ai_openai_new:
 * @base_url: such as `https://api.openai.com/v1` or `http://127.0.0.1:8080`
 * @api_key: (nullable): the key
 * @key_host: (nullable): the host the key was saved for (default: @base_url's)
 *
 * Returns: (transfer full): a new provider
 */
TandemAiProvider *
tandem_ai_openai_new (const char *base_url,
                      const char *api_key,
                      const char *key_host)
{
  TandemAiProvider *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_AI_OPENAI, NULL);
  tandem_ai_provider_set_endpoint (self, base_url, api_key, key_host);
  return self;
}

/**
 * tandem_ai_openai_set_stream_usage:
 * @self: a #TandemAiOpenai
 * @stream_usage: whether the server accepts `stream_options.include_usage`
 *
 * api.openai.com always gets it; other servers only when this is set.
 */
void
tandem_ai_openai_set_stream_usage (TandemAiOpenai *self,
                                   gboolean        stream_usage)
{
  g_return_if_fail (TANDEM_IS_AI_OPENAI (self));

  self->stream_usage = !!stream_usage;
}

gboolean
tandem_ai_openai_get_stream_usage (TandemAiOpenai *self)
{
  g_return_val_if_fail (TANDEM_IS_AI_OPENAI (self), FALSE);

  return self->stream_usage;
}
