/* tandem-ai-anthropic.c
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

#include "tandem-ai-anthropic.h"
#include "tandem-sse-parser.h"

struct _TandemAiAnthropic
{
  GObject parent_instance;
};

typedef struct
{
  int      index;
  char    *id;
  char    *name;
  GString *args;
} AnthropicBlock;

typedef struct
{
  TandemAiDecoder       parent;
  TandemSseParser      *sse;
  GPtrArray            *events;  /* borrowed during feed */
  GHashTable           *tool_blocks; /* content block index → AnthropicBlock */
  TandemAiFinishReason  reason;
  gint64                input_tokens;
  gint64                cached_tokens;
  guint                 done : 1;
  guint                 failed : 1;
} AnthropicDecoder;

static void provider_iface_init (TandemAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiAnthropic, tandem_ai_anthropic, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TANDEM_TYPE_AI_PROVIDER, provider_iface_init))

static void
anthropic_block_free (gpointer data)
{
  AnthropicBlock *block = data;

  g_free (block->id);
  g_free (block->name);
  g_string_free (block->args, TRUE);
  g_free (block);
}

static TandemAiFinishReason
anthropic_map_reason (const char *reason)
{
  if (g_strcmp0 (reason, "max_tokens") == 0 ||
      g_strcmp0 (reason, "model_context_window_exceeded") == 0)
    return TANDEM_AI_FINISH_LENGTH;
  if (g_strcmp0 (reason, "tool_use") == 0)
    return TANDEM_AI_FINISH_TOOL_CALLS;
  if (g_strcmp0 (reason, "refusal") == 0)
    return TANDEM_AI_FINISH_REFUSAL;
  return TANDEM_AI_FINISH_STOP;
}

static TandemAiErrorKind
anthropic_map_error_type (const char *type)
{
  if (g_strcmp0 (type, "overloaded_error") == 0 || g_strcmp0 (type, "api_error") == 0)
    return TANDEM_AI_ERROR_SERVER;
  if (g_strcmp0 (type, "rate_limit_error") == 0)
    return TANDEM_AI_ERROR_RATE_LIMIT;
  if (g_strcmp0 (type, "authentication_error") == 0 || g_strcmp0 (type, "permission_error") == 0)
    return TANDEM_AI_ERROR_AUTH;
  if (g_strcmp0 (type, "billing_error") == 0)
    return TANDEM_AI_ERROR_QUOTA;
  return TANDEM_AI_ERROR_STREAM;
}

static void
anthropic_decoder_event (AnthropicDecoder *self,
                         const char       *type,
                         JsonObject       *object)
{
  g_assert (self != NULL);

  if (g_strcmp0 (type, "message_start") == 0)
    {
      JsonObject *message = tandem_ai_json_get_object (object, "message");
      JsonObject *usage = tandem_ai_json_get_object (message, "usage");

      self->input_tokens = tandem_ai_json_get_int (usage, "input_tokens", -1);
      self->cached_tokens = tandem_ai_json_get_int (usage, "cache_read_input_tokens", -1);
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_message_start (tandem_ai_json_get_string (message, "id"),
                                                          tandem_ai_json_get_string (message, "model")));
    }
  else if (g_strcmp0 (type, "content_block_start") == 0)
    {
      JsonObject *block = tandem_ai_json_get_object (object, "content_block");
      int index = (int) tandem_ai_json_get_int (object, "index", 0);

      if (g_strcmp0 (tandem_ai_json_get_string (block, "type"), "tool_use") == 0)
        {
          AnthropicBlock *tool = g_new0 (AnthropicBlock, 1);

          tool->index = index;
          tool->id = g_strdup (tandem_ai_json_get_string (block, "id"));
          tool->name = g_strdup (tandem_ai_json_get_string (block, "name"));
          tool->args = g_string_new (NULL);
          g_hash_table_replace (self->tool_blocks, GINT_TO_POINTER (index), tool);
          g_ptr_array_add (self->events, tandem_ai_event_new_tool_start (index, tool->id, tool->name));
        }
      else if (g_strcmp0 (tandem_ai_json_get_string (block, "type"), "text") == 0)
        {
          const char *text = tandem_ai_json_get_string (block, "text");

          if (text != NULL && *text)
            g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_TEXT_DELTA, text, -1));
        }
    }
  else if (g_strcmp0 (type, "content_block_delta") == 0)
    {
      JsonObject *delta = tandem_ai_json_get_object (object, "delta");
      const char *delta_type = tandem_ai_json_get_string (delta, "type");
      int index = (int) tandem_ai_json_get_int (object, "index", 0);
      const char *text;

      if (g_strcmp0 (delta_type, "text_delta") == 0 &&
          (text = tandem_ai_json_get_string (delta, "text")) != NULL && *text)
        g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_TEXT_DELTA, text, -1));
      else if (g_strcmp0 (delta_type, "thinking_delta") == 0 &&
               (text = tandem_ai_json_get_string (delta, "thinking")) != NULL && *text)
        g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_REASONING_DELTA, text, -1));
      else if (g_strcmp0 (delta_type, "input_json_delta") == 0 &&
               (text = tandem_ai_json_get_string (delta, "partial_json")) != NULL)
        {
          AnthropicBlock *tool = g_hash_table_lookup (self->tool_blocks, GINT_TO_POINTER (index));

          if (tool != NULL && *text)
            {
              g_string_append (tool->args, text);
              g_ptr_array_add (self->events, tandem_ai_event_new_tool_args (index, text));
            }
        }
    }
  else if (g_strcmp0 (type, "content_block_stop") == 0)
    {
      int index = (int) tandem_ai_json_get_int (object, "index", 0);
      AnthropicBlock *tool = g_hash_table_lookup (self->tool_blocks, GINT_TO_POINTER (index));

      if (tool != NULL)
        {
          g_ptr_array_add (self->events,
                           tandem_ai_event_new_tool_end (index, tool->id, tool->name, tool->args->str));
          g_hash_table_remove (self->tool_blocks, GINT_TO_POINTER (index));
        }
    }
  else if (g_strcmp0 (type, "message_delta") == 0)
    {
      JsonObject *delta = tandem_ai_json_get_object (object, "delta");
      JsonObject *usage = tandem_ai_json_get_object (object, "usage");
      const char *reason = tandem_ai_json_get_string (delta, "stop_reason");

      if (reason != NULL)
        self->reason = anthropic_map_reason (reason);
      /* Counts in message_delta are cumulative. */
      if (usage != NULL)
        g_ptr_array_add (self->events,
                         tandem_ai_event_new_usage (tandem_ai_json_get_int (usage, "input_tokens",
                                                                            self->input_tokens),
                                                    tandem_ai_json_get_int (usage, "output_tokens", -1),
                                                    tandem_ai_json_get_int (usage, "cache_read_input_tokens",
                                                                            self->cached_tokens)));
    }
  else if (g_strcmp0 (type, "message_stop") == 0)
    {
      g_ptr_array_add (self->events, tandem_ai_event_new_finish (self->reason));
      self->done = TRUE;
    }
  else if (g_strcmp0 (type, "error") == 0)
    {
      JsonObject *error = tandem_ai_json_get_object (object, "error");
      const char *message = tandem_ai_json_get_string (error, "message");

      g_ptr_array_add (self->events,
                       tandem_ai_event_new_error (0, anthropic_map_error_type (tandem_ai_json_get_string (error, "type")),
                                                  message ? message : _("The server reported an error"),
                                                  -1));
      self->failed = TRUE;
    }
  /* ping and event types added later are ignored. */
}

static void
anthropic_decoder_sse_event (const char *event_type,
                             const char *data,
                             gsize       data_len,
                             const char *last_event_id,
                             gpointer    user_data)
{
  AnthropicDecoder *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  const char *type;

  g_assert (self != NULL);

  if (self->failed || self->done)
    return;

  if ((root = tandem_ai_json_parse_event (data, data_len, self->events)) == NULL)
    {
      self->failed = TRUE;
      return;
    }

  type = tandem_ai_json_get_string (json_node_get_object (root), "type");
  if (type == NULL)
    type = event_type;

  anthropic_decoder_event (self, type, json_node_get_object (root));
}

static gboolean
anthropic_decoder_feed (TandemAiDecoder *decoder,
                        const char      *data,
                        gsize            len,
                        GPtrArray       *events)
{
  AnthropicDecoder *self = (AnthropicDecoder *) decoder;
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
anthropic_decoder_finish (TandemAiDecoder *decoder,
                          GPtrArray       *events)
{
  AnthropicDecoder *self = (AnthropicDecoder *) decoder;

  if (self->failed || self->done)
    return;

  tandem_sse_parser_finish (self->sse);
  tandem_ai_decoder_add_cut_error (events);
  self->failed = TRUE;
}

static void
anthropic_decoder_free (TandemAiDecoder *decoder)
{
  AnthropicDecoder *self = (AnthropicDecoder *) decoder;

  tandem_sse_parser_free (self->sse);
  g_hash_table_unref (self->tool_blocks);
  g_free (self);
}

static TandemAiDecoder *
tandem_ai_anthropic_new_decoder (TandemAiProvider *provider)
{
  AnthropicDecoder *self = g_new0 (AnthropicDecoder, 1);

  self->parent.feed = anthropic_decoder_feed;
  self->parent.finish = anthropic_decoder_finish;
  self->parent.free = anthropic_decoder_free;
  self->sse = tandem_sse_parser_new (anthropic_decoder_sse_event, self);
  self->tool_blocks = g_hash_table_new_full (NULL, NULL, NULL, anthropic_block_free);
  self->reason = TANDEM_AI_FINISH_STOP;
  self->input_tokens = -1;
  self->cached_tokens = -1;
  return &self->parent;
}

static const char *
tandem_ai_anthropic_get_kind (TandemAiProvider *provider)
{
  return "anthropic";
}

static void
add_text_block (JsonBuilder *builder,
                const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static void
add_tool_use_block (JsonBuilder      *builder,
                    TandemAiToolCall *call)
{
  g_autoptr(JsonNode) input = json_from_string (call->arguments, NULL);

  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    {
      g_clear_pointer (&input, json_node_unref);
      input = json_node_init_object (json_node_alloc (), json_object_new ());
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "tool_use");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, call->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, call->name);
  json_builder_set_member_name (builder, "input");
  json_builder_add_value (builder, g_steal_pointer (&input));
  json_builder_end_object (builder);
}

static void
add_messages (JsonBuilder               *builder,
              const TandemAiChatRequest *request)
{
  guint i = 0;

  while (i < request->messages->len)
    {
      TandemAiChatMessage *message = g_ptr_array_index (request->messages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");

      if (message->role == TANDEM_AI_ROLE_TOOL)
        {
          /* Consecutive tool results go in one user message, one block per call. */
          json_builder_add_string_value (builder, "user");
          json_builder_set_member_name (builder, "content");
          json_builder_begin_array (builder);
          for (; i < request->messages->len; i++)
            {
              TandemAiChatMessage *result = g_ptr_array_index (request->messages, i);

              if (result->role != TANDEM_AI_ROLE_TOOL)
                break;
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "type");
              json_builder_add_string_value (builder, "tool_result");
              json_builder_set_member_name (builder, "tool_use_id");
              json_builder_add_string_value (builder, result->tool_call_id);
              json_builder_set_member_name (builder, "content");
              json_builder_add_string_value (builder, result->content);
              if (result->is_error)
                {
                  json_builder_set_member_name (builder, "is_error");
                  json_builder_add_boolean_value (builder, TRUE);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          continue;
        }

      json_builder_add_string_value (builder,
                                     message->role == TANDEM_AI_ROLE_USER ? "user" : "assistant");
      json_builder_set_member_name (builder, "content");
      if (message->tool_calls == NULL || message->tool_calls->len == 0)
        json_builder_add_string_value (builder, message->content ? message->content : "");
      else
        {
          json_builder_begin_array (builder);
          if (message->content != NULL && message->content[0] != '\0')
            add_text_block (builder, message->content);
          for (guint j = 0; j < message->tool_calls->len; j++)
            add_tool_use_block (builder, g_ptr_array_index (message->tool_calls, j));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
      i++;
    }
}

static SoupMessage *
tandem_ai_anthropic_build_chat_message (TandemAiProvider           *provider,
                                        const TandemAiChatRequest  *request,
                                        GError                    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessage *message;

  if (!(uri = tandem_ai_provider_build_uri (provider, "/v1/messages", error)))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, request->model);
  json_builder_set_member_name (builder, "max_tokens");
  json_builder_add_int_value (builder, request->max_tokens > 0 ? request->max_tokens
                                                               : TANDEM_AI_ANTHROPIC_DEFAULT_MAX_TOKENS);
  if (request->system != NULL && request->system[0] != '\0')
    {
      json_builder_set_member_name (builder, "system");
      json_builder_add_string_value (builder, request->system);
    }
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  add_messages (builder, request);
  json_builder_end_array (builder);

  if (request->tools->len > 0)
    {
      json_builder_set_member_name (builder, "tools");
      json_builder_begin_array (builder);
      for (guint i = 0; i < request->tools->len; i++)
        {
          TandemAiTool *tool = g_ptr_array_index (request->tools, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, tool->name);
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, tool->description);
          json_builder_set_member_name (builder, "input_schema");
          json_builder_add_value (builder, json_node_copy (tool->parameters));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);
  if (request->temperature >= 0)
    {
      json_builder_set_member_name (builder, "temperature");
      json_builder_add_double_value (builder, request->temperature);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  message = tandem_ai_provider_new_json_post (uri, root);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "anthropic-version", TANDEM_AI_ANTHROPIC_VERSION);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "text/event-stream");
  return message;
}

static void
tandem_ai_anthropic_add_auth_headers (TandemAiProvider *provider,
                                      SoupMessage      *message,
                                      const char       *api_key)
{
  soup_message_headers_replace (soup_message_get_request_headers (message), "x-api-key", api_key);
}

/* GET /v1/models, from the model after @after_id when not %NULL. */
static SoupMessage *
new_models_message (TandemAiProvider  *provider,
                    const char        *after_id,
                    GError           **error)
{
  g_autoptr(GUri) uri = tandem_ai_provider_build_uri (provider, "/v1/models", error);
  g_autoptr(GUri) with_query = NULL;
  g_autofree char *query = NULL;
  SoupMessage *message;

  if (uri == NULL)
    return NULL;

  if (after_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (after_id, NULL, FALSE);

      query = g_strconcat ("limit=1000&after_id=", escaped, NULL);
    }
  with_query = soup_uri_copy (uri, SOUP_URI_QUERY, query ? query : "limit=1000", SOUP_URI_NONE);
  message = soup_message_new_from_uri (SOUP_METHOD_GET, with_query);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "anthropic-version", TANDEM_AI_ANTHROPIC_VERSION);
  return message;
}

static SoupMessage *
tandem_ai_anthropic_build_models_message (TandemAiProvider  *provider,
                                          GError           **error)
{
  return new_models_message (provider, NULL, error);
}

/* The list comes in pages: "has_more": true and "last_id" ask for the next one. */
static SoupMessage *
tandem_ai_anthropic_build_next_models_message (TandemAiProvider  *provider,
                                               JsonNode          *root,
                                               GError           **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *has_more = object ? json_object_get_member (object, "has_more") : NULL;
  const char *last_id = object ? tandem_ai_json_get_string (object, "last_id") : NULL;

  if (has_more == NULL || !JSON_NODE_HOLDS_VALUE (has_more) ||
      json_node_get_value_type (has_more) != G_TYPE_BOOLEAN || !json_node_get_boolean (has_more) ||
      last_id == NULL || last_id[0] == '\0')
    return NULL;

  return new_models_message (provider, last_id, error);
}

static TandemAiModelInfo *
anthropic_parse_model_item (JsonObject *item)
{
  const char *id = tandem_ai_json_get_string (item, "id");
  TandemAiModelInfo *info;

  if (id == NULL)
    return NULL;

  info = tandem_ai_model_info_new (id);
  info->display_name = g_strdup (tandem_ai_json_get_string (item, "display_name"));
  info->context_length = tandem_ai_json_get_int (item, "max_input_tokens", 0);
  return info;
}

static GPtrArray *
tandem_ai_anthropic_parse_models (TandemAiProvider  *provider,
                                  JsonNode          *root,
                                  GError           **error)
{
  return tandem_ai_provider_parse_model_list (root, "data", anthropic_parse_model_item, error);
}

static void
provider_iface_init (TandemAiProviderInterface *iface)
{
  iface->get_kind = tandem_ai_anthropic_get_kind;
  iface->build_chat_message = tandem_ai_anthropic_build_chat_message;
  iface->new_decoder = tandem_ai_anthropic_new_decoder;
  iface->add_auth_headers = tandem_ai_anthropic_add_auth_headers;
  iface->build_models_message = tandem_ai_anthropic_build_models_message;
  iface->parse_models = tandem_ai_anthropic_parse_models;
  iface->build_next_models_message = tandem_ai_anthropic_build_next_models_message;
}

static void
tandem_ai_anthropic_class_init (TandemAiAnthropicClass *klass)
{
}

static void
tandem_ai_anthropic_init (TandemAiAnthropic *self)
{
}

/**
 * tandem_ai_anthropic_new:
 * @base_url: (nullable): the endpoint; %NULL means https://api.anthropic.com
 * @api_key: (nullable): the key
 * @key_host: (nullable): the host the key was saved for (default: @base_url's)
 *
 * Returns: (transfer full): a new provider
 */
TandemAiProvider *
tandem_ai_anthropic_new (const char *base_url,
                         const char *api_key,
                         const char *key_host)
{
  TandemAiProvider *self = g_object_new (TANDEM_TYPE_AI_ANTHROPIC, NULL);

  tandem_ai_provider_set_endpoint (self, base_url ? base_url : "https://api.anthropic.com",
                                   api_key, key_host);
  return self;
}
