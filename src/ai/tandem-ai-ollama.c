/* tandem-ai-ollama.c
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

#include "tandem-ai-ollama.h"
#include "tandem-ndjson-parser.h"

struct _TandemAiOllama
{
  GObject parent_instance;
};

typedef struct
{
  TandemAiDecoder     parent;
  TandemNdjsonParser *ndjson;
  GPtrArray          *events;  /* borrowed during feed */
  guint               n_calls;
  guint               started : 1;
  guint               done : 1;
  guint               failed : 1;
} OllamaDecoder;

static void provider_iface_init (TandemAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiOllama, tandem_ai_ollama, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TANDEM_TYPE_AI_PROVIDER, provider_iface_init))

static TandemAiFinishReason
ollama_map_reason (const char *reason,
                   gboolean    had_calls)
{
  if (g_strcmp0 (reason, "length") == 0)
    return TANDEM_AI_FINISH_LENGTH;
  if (had_calls)
    return TANDEM_AI_FINISH_TOOL_CALLS;
  return TANDEM_AI_FINISH_STOP;
}

static void
ollama_decoder_tool_call (OllamaDecoder *self,
                          JsonObject    *call)
{
  JsonObject *function = tandem_ai_json_get_object (call, "function");
  JsonNode *arguments = function ? json_object_get_member (function, "arguments") : NULL;
  const char *name = tandem_ai_json_get_string (function, "name");
  const char *id = tandem_ai_json_get_string (call, "id");
  g_autofree char *synth_id = NULL;
  g_autofree char *raw = NULL;
  guint index = self->n_calls++;

  g_assert (self != NULL);

  if (id == NULL || *id == '\0')
    id = synth_id = g_strdup_printf ("call_%u", index);

  /* Arguments come as an object; the event model carries JSON text. */
  if (arguments == NULL || JSON_NODE_HOLDS_NULL (arguments))
    raw = g_strdup ("{}");
  else if (JSON_NODE_HOLDS_VALUE (arguments) && json_node_get_value_type (arguments) == G_TYPE_STRING)
    raw = g_strdup (json_node_get_string (arguments));
  else
    raw = json_to_string (arguments, FALSE);

  g_ptr_array_add (self->events, tandem_ai_event_new_tool_start (index, id, name));
  g_ptr_array_add (self->events, tandem_ai_event_new_tool_args (index, raw));
  g_ptr_array_add (self->events, tandem_ai_event_new_tool_end (index, id, name, raw));
}

static void
ollama_decoder_line (const char *line,
                     gsize       len,
                     gpointer    user_data)
{
  OllamaDecoder *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *message;
  JsonArray *tool_calls;
  const char *error;
  const char *text;
  JsonNode *done;

  g_assert (self != NULL);

  if (self->failed || self->done)
    return;

  if ((root = tandem_ai_json_parse_event (line, len, self->events)) == NULL)
    {
      self->failed = TRUE;
      return;
    }
  object = json_node_get_object (root);

  if (json_object_has_member (object, "error"))
    {
      g_autofree char *message_text = tandem_ai_json_dup_error_message (root, NULL);

      error = message_text ? message_text : _("The server reported an error");
      g_ptr_array_add (self->events, tandem_ai_event_new_error (0, TANDEM_AI_ERROR_STREAM, error, -1));
      self->failed = TRUE;
      return;
    }

  if (!self->started)
    {
      self->started = TRUE;
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_message_start (NULL, tandem_ai_json_get_string (object, "model")));
    }

  message = tandem_ai_json_get_object (object, "message");
  if ((text = tandem_ai_json_get_string (message, "thinking")) != NULL && *text)
    g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_REASONING_DELTA, text, -1));
  if ((text = tandem_ai_json_get_string (message, "content")) != NULL && *text)
    g_ptr_array_add (self->events, tandem_ai_event_new_text (TANDEM_AI_EVENT_TEXT_DELTA, text, -1));
  if ((tool_calls = tandem_ai_json_get_array (message, "tool_calls")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (tool_calls); i++)
        {
          if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (tool_calls, i)))
            ollama_decoder_tool_call (self, json_array_get_object_element (tool_calls, i));
        }
    }

  done = json_object_get_member (object, "done");
  if (done != NULL && JSON_NODE_HOLDS_VALUE (done) && json_node_get_boolean (done))
    {
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_usage (tandem_ai_json_get_int (object, "prompt_eval_count", -1),
                                                  tandem_ai_json_get_int (object, "eval_count", -1),
                                                  -1));
      g_ptr_array_add (self->events,
                       tandem_ai_event_new_finish (ollama_map_reason (tandem_ai_json_get_string (object, "done_reason"),
                                                                      self->n_calls > 0)));
      self->done = TRUE;
    }
}

static void
ollama_decoder_too_long (OllamaDecoder *self,
                         GPtrArray     *events)
{
  g_assert (self != NULL);

  g_ptr_array_add (events,
                   tandem_ai_event_new_error (0, TANDEM_AI_ERROR_MALFORMED,
                                              _("The answer could not be read: a line is too long"),
                                              -1));
  self->failed = TRUE;
}

static gboolean
ollama_decoder_feed (TandemAiDecoder *decoder,
                     const char      *data,
                     gsize            len,
                     GPtrArray       *events)
{
  OllamaDecoder *self = (OllamaDecoder *) decoder;

  if (self->failed)
    return FALSE;

  self->events = events;
  if (!tandem_ndjson_parser_feed (self->ndjson, data, len, NULL))
    ollama_decoder_too_long (self, events);
  self->events = NULL;

  return !self->failed;
}

static void
ollama_decoder_finish (TandemAiDecoder *decoder,
                       GPtrArray       *events)
{
  OllamaDecoder *self = (OllamaDecoder *) decoder;

  if (self->failed || self->done)
    return;

  self->events = events;
  if (!tandem_ndjson_parser_finish (self->ndjson, NULL))
    ollama_decoder_too_long (self, events);
  self->events = NULL;

  if (!self->failed && !self->done)
    {
      tandem_ai_decoder_add_cut_error (events);
      self->failed = TRUE;
    }
}

static void
ollama_decoder_free (TandemAiDecoder *decoder)
{
  OllamaDecoder *self = (OllamaDecoder *) decoder;

  tandem_ndjson_parser_free (self->ndjson);
  g_free (self);
}

static TandemAiDecoder *
tandem_ai_ollama_new_decoder (TandemAiProvider *provider)
{
  OllamaDecoder *self = g_new0 (OllamaDecoder, 1);

  self->parent.feed = ollama_decoder_feed;
  self->parent.finish = ollama_decoder_finish;
  self->parent.free = ollama_decoder_free;
  self->ndjson = tandem_ndjson_parser_new (ollama_decoder_line, self);
  return &self->parent;
}

static const char *
tandem_ai_ollama_get_kind (TandemAiProvider *provider)
{
  return "ollama";
}

static void
add_message (JsonBuilder         *builder,
             TandemAiChatMessage *message)
{
  static const char *roles[] = { "user", "assistant", "tool" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, roles[message->role]);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, message->content ? message->content : "");

  if (message->role == TANDEM_AI_ROLE_TOOL)
    {
      if (message->tool_name != NULL)
        {
          json_builder_set_member_name (builder, "tool_name");
          json_builder_add_string_value (builder, message->tool_name);
        }
      json_builder_set_member_name (builder, "tool_call_id");
      json_builder_add_string_value (builder, message->tool_call_id);
    }

  if (message->tool_calls != NULL && message->tool_calls->len > 0)
    {
      json_builder_set_member_name (builder, "tool_calls");
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->tool_calls->len; i++)
        {
          TandemAiToolCall *call = g_ptr_array_index (message->tool_calls, i);
          g_autoptr(JsonNode) arguments = json_from_string (call->arguments, NULL);

          if (arguments == NULL || !JSON_NODE_HOLDS_OBJECT (arguments))
            {
              g_clear_pointer (&arguments, json_node_unref);
              arguments = json_node_init_object (json_node_alloc (), json_object_new ());
            }

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, call->id);
          json_builder_set_member_name (builder, "function");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, call->name);
          json_builder_set_member_name (builder, "arguments");
          json_builder_add_value (builder, g_steal_pointer (&arguments));
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static SoupMessage *
tandem_ai_ollama_build_chat_message (TandemAiProvider           *provider,
                                     const TandemAiChatRequest  *request,
                                     GError                    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!(uri = tandem_ai_provider_build_uri (provider, "/api/chat", error)))
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

  tandem_ai_provider_add_function_tools (builder, request);

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);

  if (request->num_ctx > 0 || request->max_tokens > 0 || request->temperature >= 0)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_object (builder);
      /* Without num_ctx Ollama silently drops the front of a long prompt. */
      if (request->num_ctx > 0)
        {
          json_builder_set_member_name (builder, "num_ctx");
          json_builder_add_int_value (builder, request->num_ctx);
        }
      if (request->max_tokens > 0)
        {
          json_builder_set_member_name (builder, "num_predict");
          json_builder_add_int_value (builder, request->max_tokens);
        }
      if (request->temperature >= 0)
        {
          json_builder_set_member_name (builder, "temperature");
          json_builder_add_double_value (builder, request->temperature);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return tandem_ai_provider_new_json_post (uri, root);
}

static SoupMessage *
tandem_ai_ollama_build_models_message (TandemAiProvider  *provider,
                                       GError           **error)
{
  g_autoptr(GUri) uri = tandem_ai_provider_build_uri (provider, "/api/tags", error);

  return uri ? soup_message_new_from_uri (SOUP_METHOD_GET, uri) : NULL;
}

static TandemAiModelInfo *
ollama_parse_model_item (JsonObject *item)
{
  const char *name;

  if ((name = tandem_ai_json_get_string (item, "name")) == NULL &&
      (name = tandem_ai_json_get_string (item, "model")) == NULL)
    return NULL;
  return tandem_ai_model_info_new (name);
}

static GPtrArray *
tandem_ai_ollama_parse_models (TandemAiProvider  *provider,
                               JsonNode          *root,
                               GError           **error)
{
  return tandem_ai_provider_parse_model_list (root, "models", ollama_parse_model_item, error);
}

static SoupMessage *
tandem_ai_ollama_build_model_info_message (TandemAiProvider  *provider,
                                           const char        *model,
                                           GError           **error)
{
  g_autoptr(GUri) uri = tandem_ai_provider_build_uri (provider, "/api/show", error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (uri == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return tandem_ai_provider_new_json_post (uri, root);
}

static TandemAiModelInfo *
tandem_ai_ollama_parse_model_info (TandemAiProvider  *provider,
                                   const char        *model,
                                   JsonNode          *root,
                                   GError           **error)
{
  g_autoptr(TandemAiModelInfo) info = tandem_ai_model_info_new (model);
  JsonObject *object;
  JsonObject *model_info;
  JsonArray *capabilities;
  const char *parameters;
  const char *arch;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                           _("The model’s details could not be read"));
      return NULL;
    }

  object = json_node_get_object (root);
  model_info = tandem_ai_json_get_object (object, "model_info");
  arch = tandem_ai_json_get_string (model_info, "general.architecture");
  if (arch != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s.context_length", arch);

      info->context_length = tandem_ai_json_get_int (model_info, key, 0);
    }
  if (info->context_length <= 0 && model_info != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (model_info);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          if (g_str_has_suffix (l->data, ".context_length"))
            {
              info->context_length = tandem_ai_json_get_int (model_info, l->data, 0);
              break;
            }
        }
    }

  /* A num_ctx set in the Modelfile is what the server really uses. */
  if ((parameters = tandem_ai_json_get_string (object, "parameters")) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (parameters, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", 2);

          if (g_strcmp0 (words[0], "num_ctx") == 0 && words[1] != NULL)
            {
              gint64 num_ctx = g_ascii_strtoll (g_strstrip (words[1]), NULL, 10);

              if (num_ctx > 0)
                info->context_length = num_ctx;
            }
        }
    }

  if ((capabilities = tandem_ai_json_get_array (object, "capabilities")) != NULL)
    {
      g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (capabilities); i++)
        {
          JsonNode *node = json_array_get_element (capabilities, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (strv, json_node_get_string (node));
        }
      info->capabilities = g_strv_builder_end (strv);
    }

  return g_steal_pointer (&info);
}

static void
provider_iface_init (TandemAiProviderInterface *iface)
{
  iface->get_kind = tandem_ai_ollama_get_kind;
  iface->build_chat_message = tandem_ai_ollama_build_chat_message;
  iface->new_decoder = tandem_ai_ollama_new_decoder;
  iface->add_auth_headers = tandem_ai_provider_add_bearer_auth;
  iface->build_models_message = tandem_ai_ollama_build_models_message;
  iface->parse_models = tandem_ai_ollama_parse_models;
  iface->build_model_info_message = tandem_ai_ollama_build_model_info_message;
  iface->parse_model_info = tandem_ai_ollama_parse_model_info;
}

static void
tandem_ai_ollama_class_init (TandemAiOllamaClass *klass)
{
}

static void
tandem_ai_ollama_init (TandemAiOllama *self)
{
}

/**
 * tandem_ai_ollama_new:
 * @base_url: (nullable): the endpoint; %NULL means http://localhost:11434
 * @api_key: (nullable): a key for Ollama Cloud or a remote instance
 * @key_host: (nullable): the host the key was saved for (default: @base_url's)
 *
 * Returns: (transfer full): a new provider
 */
TandemAiProvider *
tandem_ai_ollama_new (const char *base_url,
                      const char *api_key,
                      const char *key_host)
{
  TandemAiProvider *self = g_object_new (TANDEM_TYPE_AI_OLLAMA, NULL);

  tandem_ai_provider_set_endpoint (self, base_url ? base_url : TANDEM_AI_OLLAMA_DEFAULT_URL,
                                   api_key, key_host);
  return self;
}
