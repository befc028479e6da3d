/* tandem-ai-provider.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-ai-provider.h"

typedef struct
{
  char *base_url;
  char *api_key;
  char *key_host;
} Endpoint;

G_DEFINE_INTERFACE (TandemAiProvider, tandem_ai_provider, G_TYPE_OBJECT)

static GQuark endpoint_quark;

static void
tandem_ai_provider_default_init (TandemAiProviderInterface *iface)
{
  endpoint_quark = g_quark_from_static_string ("tandem-ai-provider-endpoint");
}

static void
endpoint_free (gpointer data)
{
  Endpoint *endpoint = data;

  g_free (endpoint->base_url);
  if (endpoint->api_key != NULL)
    {
      /* Do not leave the key in freed memory. */
      memset (endpoint->api_key, 0, strlen (endpoint->api_key));
      g_free (endpoint->api_key);
    }
  g_free (endpoint->key_host);
  g_free (endpoint);
}

static Endpoint *
get_endpoint (TandemAiProvider *self)
{
  g_assert (TANDEM_IS_AI_PROVIDER (self));

  return g_object_get_qdata (G_OBJECT (self), endpoint_quark);
}

/**
 * tandem_ai_provider_set_endpoint:
 * @self: a #TandemAiProvider
 * @base_url: the endpoint, such as `https://api.openai.com/v1` or `http://localhost:11434`
 * @api_key: (nullable): the key, or %NULL for none
 * @key_host: (nullable): the host the key was saved for; %NULL means the host of
 *   @base_url. The key is only sent to this host.
 */
void
tandem_ai_provider_set_endpoint (TandemAiProvider *self,
                                 const char       *base_url,
                                 const char       *api_key,
                                 const char       *key_host)
{
  Endpoint *endpoint;

  g_return_if_fail (TANDEM_IS_AI_PROVIDER (self));
  g_return_if_fail (base_url != NULL);

  endpoint = g_new0 (Endpoint, 1);
  endpoint->base_url = g_strdup (base_url);
  endpoint->api_key = (api_key && *api_key) ? g_strdup (api_key) : NULL;
  if (key_host != NULL)
    endpoint->key_host = g_ascii_strdown (key_host, -1);
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        endpoint->key_host = g_ascii_strdown (g_uri_get_host (uri), -1);
    }

  g_object_set_qdata_full (G_OBJECT (self), endpoint_quark, endpoint, endpoint_free);
}

const char *
tandem_ai_provider_get_base_url (TandemAiProvider *self)
{
  Endpoint *endpoint;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  endpoint = get_endpoint (self);
  return endpoint ? endpoint->base_url : NULL;
}

/**
 * tandem_ai_provider_get_api_key:
 * @self: a #TandemAiProvider
 *
 * Returns: (nullable): the key; never log it
 */
const char *
tandem_ai_provider_get_api_key (TandemAiProvider *self)
{
  Endpoint *endpoint;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  endpoint = get_endpoint (self);
  return endpoint ? endpoint->api_key : NULL;
}

const char *
tandem_ai_provider_get_key_host (TandemAiProvider *self)
{
  Endpoint *endpoint;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  endpoint = get_endpoint (self);
  return endpoint ? endpoint->key_host : NULL;
}

const char *
tandem_ai_provider_get_kind (TandemAiProvider *self)
{
  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  return TANDEM_AI_PROVIDER_GET_IFACE (self)->get_kind (self);
}

/**
 * tandem_ai_provider_build_chat_message:
 * @self: a #TandemAiProvider
 * @request: the turn
 * @error: a location for a #GError
 *
 * Builds the streaming request, without authentication headers (the client adds
 * them only for the key's host).
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
SoupMessage *
tandem_ai_provider_build_chat_message (TandemAiProvider           *self,
                                       const TandemAiChatRequest  *request,
                                       GError                    **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (request->model == NULL || request->model[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_BAD_REQUEST,
                           _("Choose a model first"));
      return NULL;
    }

  return TANDEM_AI_PROVIDER_GET_IFACE (self)->build_chat_message (self, request, error);
}

/**
 * tandem_ai_provider_new_decoder:
 * @self: a #TandemAiProvider
 *
 * Returns: (transfer full): a decoder for one response stream
 */
TandemAiDecoder *
tandem_ai_provider_new_decoder (TandemAiProvider *self)
{
  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  return TANDEM_AI_PROVIDER_GET_IFACE (self)->new_decoder (self);
}

void
tandem_ai_provider_add_auth_headers (TandemAiProvider *self,
                                     SoupMessage      *message,
                                     const char       *api_key)
{
  g_return_if_fail (TANDEM_IS_AI_PROVIDER (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  if (api_key == NULL || api_key[0] == '\0')
    return;

  TANDEM_AI_PROVIDER_GET_IFACE (self)->add_auth_headers (self, message, api_key);
}

/**
 * tandem_ai_provider_build_models_message:
 * @self: a #TandemAiProvider
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the request that lists the models, or %NULL
 */
SoupMessage *
tandem_ai_provider_build_models_message (TandemAiProvider  *self,
                                         GError           **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);

  return TANDEM_AI_PROVIDER_GET_IFACE (self)->build_models_message (self, error);
}

/**
 * tandem_ai_provider_parse_models:
 * @self: a #TandemAiProvider
 * @root: the parsed response
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type TandemAiModelInfo): the models, or %NULL
 */
GPtrArray *
tandem_ai_provider_parse_models (TandemAiProvider  *self,
                                 JsonNode          *root,
                                 GError           **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  return TANDEM_AI_PROVIDER_GET_IFACE (self)->parse_models (self, root, error);
}

/**
 * tandem_ai_provider_build_next_models_message:
 * @self: a #TandemAiProvider
 * @root: the parsed page of the model list just received
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the request for the next page of the model list,
 *   or %NULL when @root was the last page (or the list does not come in pages)
 */
SoupMessage *
tandem_ai_provider_build_next_models_message (TandemAiProvider  *self,
                                              JsonNode          *root,
                                              GError           **error)
{
  TandemAiProviderInterface *iface;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  iface = TANDEM_AI_PROVIDER_GET_IFACE (self);
  if (iface->build_next_models_message == NULL)
    return NULL;

  return iface->build_next_models_message (self, root, error);
}

/**
 * tandem_ai_provider_build_model_info_message:
 * @self: a #TandemAiProvider
 * @model: a model id
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the request, or %NULL without an error when the
 *   provider has no such request (the model list tells what is known)
 */
SoupMessage *
tandem_ai_provider_build_model_info_message (TandemAiProvider  *self,
                                             const char        *model,
                                             GError           **error)
{
  TandemAiProviderInterface *iface;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (model != NULL, NULL);

  iface = TANDEM_AI_PROVIDER_GET_IFACE (self);
  if (iface->build_model_info_message == NULL)
    return NULL;

  return iface->build_model_info_message (self, model, error);
}

/**
 * tandem_ai_provider_parse_model_info:
 * @self: a #TandemAiProvider
 * @model: the model id asked for
 * @root: the parsed response
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the model's information, or %NULL
 */
TandemAiModelInfo *
tandem_ai_provider_parse_model_info (TandemAiProvider  *self,
                                     const char        *model,
                                     JsonNode          *root,
                                     GError           **error)
{
  TandemAiProviderInterface *iface;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  iface = TANDEM_AI_PROVIDER_GET_IFACE (self);
  g_return_val_if_fail (iface->parse_model_info != NULL, NULL);

  return iface->parse_model_info (self, model, root, error);
}

/**
 * tandem_ai_provider_build_uri:
 * @self: a #TandemAiProvider
 * @path: an API path such as `/v1/models`
 * @error: a location for a #GError
 *
 * Joins the base URL and @path. When the base URL already ends in `/v1` and @path
 * starts with it, `/v1` is not repeated.
 *
 * Returns: (transfer full): the URI, or %NULL when the base URL is not valid
 */
GUri *
tandem_ai_provider_build_uri (TandemAiProvider  *self,
                              const char        *path,
                              GError           **error)
{
  g_autoptr(GUri) base = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *full_path = NULL;
  const char *base_url;
  gsize len;

  g_return_val_if_fail (TANDEM_IS_AI_PROVIDER (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  base_url = tandem_ai_provider_get_base_url (self);
  if (base_url != NULL)
    base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);

  if (base == NULL || g_uri_get_host (base) == NULL || g_uri_get_host (base)[0] == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (base), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (base), "https") != 0))
    {
      g_set_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_BAD_REQUEST,
                   _("“%s” is not a valid endpoint address. It should look like https://example.com/v1"),
                   base_url ? base_url : "");
      return NULL;
    }

  base_path = g_strdup (g_uri_get_path (base));
  len = strlen (base_path);
  while (len > 0 && base_path[len - 1] == '/')
    base_path[--len] = '\0';

  if (g_str_has_suffix (base_path, "/v1") && g_str_has_prefix (path, "/v1/"))
    path += 3;

  full_path = g_strconcat (base_path, path, NULL);

  return g_uri_build (G_URI_FLAGS_ENCODED,
                      g_uri_get_scheme (base),
                      NULL,
                      g_uri_get_host (base),
                      g_uri_get_port (base),
                      full_path,
                      NULL,
                      NULL);
}

/**
 * tandem_ai_provider_set_json_body:
 * @message: a #SoupMessage
 * @body: the JSON to send
 *
 * Sets the request body and keeps a copy of it on @message, so that a redirect
 * can send it again (see tandem_ai_provider_get_body()).
 */
void
tandem_ai_provider_set_json_body (SoupMessage *message,
                                  JsonNode    *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  char *text;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (body != NULL);

  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (text, len);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  g_object_set_data_full (G_OBJECT (message), "tandem-ai-body",
                          g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

/**
 * tandem_ai_provider_get_body:
 * @message: a #SoupMessage
 *
 * Returns: (transfer none) (nullable): the body set with tandem_ai_provider_set_json_body()
 */
GBytes *
tandem_ai_provider_get_body (SoupMessage *message)
{
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);

  return g_object_get_data (G_OBJECT (message), "tandem-ai-body");
}

void
tandem_ai_decoder_free (TandemAiDecoder *decoder)
{
  if (decoder != NULL)
    decoder->free (decoder);
}

static void
tool_call_free (gpointer data)
{
  TandemAiToolCall *call = data;

  g_free (call->id);
  g_free (call->name);
  g_free (call->arguments);
  g_free (call);
}

static void
chat_message_free (gpointer data)
{
  TandemAiChatMessage *message = data;

  g_free (message->content);
  g_clear_pointer (&message->tool_calls, g_ptr_array_unref);
  g_free (message->tool_call_id);
  g_free (message->tool_name);
  g_free (message);
}

static void
tool_free (gpointer data)
{
  TandemAiTool *tool = data;

  g_free (tool->name);
  g_free (tool->description);
  g_clear_pointer (&tool->parameters, json_node_unref);
  g_free (tool);
}

/**
 * tandem_ai_chat_request_new:
 * @model: the model id
 *
 * Returns: (transfer full): an empty turn
 */
TandemAiChatRequest *
tandem_ai_chat_request_new (const char *model)
{
  TandemAiChatRequest *request = g_new0 (TandemAiChatRequest, 1);

  request->model = g_strdup (model);
  request->messages = g_ptr_array_new_with_free_func (chat_message_free);
  request->tools = g_ptr_array_new_with_free_func (tool_free);
  request->temperature = -1;
  return request;
}

void
tandem_ai_chat_request_free (TandemAiChatRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->model);
  g_free (request->system);
  g_ptr_array_unref (request->messages);
  g_ptr_array_unref (request->tools);
  g_free (request);
}

void
tandem_ai_chat_request_set_system (TandemAiChatRequest *request,
                                   const char          *system)
{
  g_return_if_fail (request != NULL);

  g_free (request->system);
  request->system = g_strdup (system);
}

/**
 * tandem_ai_chat_request_add_message:
 * @request: a #TandemAiChatRequest
 * @role: %TANDEM_AI_ROLE_USER or %TANDEM_AI_ROLE_ASSISTANT
 * @content: (nullable): the text
 *
 * Returns: (transfer none): the new message, to add tool calls to
 */
TandemAiChatMessage *
tandem_ai_chat_request_add_message (TandemAiChatRequest *request,
                                    TandemAiRole         role,
                                    const char          *content)
{
  TandemAiChatMessage *message;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (role == TANDEM_AI_ROLE_USER || role == TANDEM_AI_ROLE_ASSISTANT, NULL);

  message = g_new0 (TandemAiChatMessage, 1);
  message->role = role;
  message->content = g_strdup (content);
  g_ptr_array_add (request->messages, message);
  return message;
}

void
tandem_ai_chat_message_add_tool_call (TandemAiChatMessage *message,
                                      const char          *id,
                                      const char          *name,
                                      const char          *arguments)
{
  TandemAiToolCall *call;

  g_return_if_fail (message != NULL);
  g_return_if_fail (message->role == TANDEM_AI_ROLE_ASSISTANT);
  g_return_if_fail (id != NULL);
  g_return_if_fail (name != NULL);

  if (message->tool_calls == NULL)
    message->tool_calls = g_ptr_array_new_with_free_func (tool_call_free);

  call = g_new0 (TandemAiToolCall, 1);
  call->id = g_strdup (id);
  call->name = g_strdup (name);
  call->arguments = g_strdup (arguments && *arguments ? arguments : "{}");
  g_ptr_array_add (message->tool_calls, call);
}

/**
 * tandem_ai_chat_request_add_tool_result:
 * @request: a #TandemAiChatRequest
 * @tool_call_id: the id of the call this answers
 * @tool_name: the tool's name
 * @content: what the tool returned
 * @is_error: whether the tool failed
 *
 * Returns: (transfer none): the new message
 */
TandemAiChatMessage *
tandem_ai_chat_request_add_tool_result (TandemAiChatRequest *request,
                                        const char          *tool_call_id,
                                        const char          *tool_name,
                                        const char          *content,
                                        gboolean             is_error)
{
  TandemAiChatMessage *message;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (tool_call_id != NULL, NULL);

  message = g_new0 (TandemAiChatMessage, 1);
  message->role = TANDEM_AI_ROLE_TOOL;
  message->content = g_strdup (content ? content : "");
  message->tool_call_id = g_strdup (tool_call_id);
  message->tool_name = g_strdup (tool_name);
  message->is_error = !!is_error;
  g_ptr_array_add (request->messages, message);
  return message;
}

/**
 * tandem_ai_chat_request_add_tool:
 * @request: a #TandemAiChatRequest
 * @name: the tool's name
 * @description: what it does, for the model
 * @parameters: (nullable): a JSON Schema object for its arguments
 */
void
tandem_ai_chat_request_add_tool (TandemAiChatRequest *request,
                                 const char          *name,
                                 const char          *description,
                                 JsonNode            *parameters)
{
  TandemAiTool *tool;

  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL);

  tool = g_new0 (TandemAiTool, 1);
  tool->name = g_strdup (name);
  tool->description = g_strdup (description ? description : "");
  if (parameters != NULL)
    tool->parameters = json_node_copy (parameters);
  else
    tool->parameters = json_from_string ("{\"type\":\"object\",\"properties\":{}}", NULL);
  g_ptr_array_add (request->tools, tool);
}

TandemAiModelInfo *
tandem_ai_model_info_new (const char *id)
{
  TandemAiModelInfo *info = g_new0 (TandemAiModelInfo, 1);

  info->id = g_strdup (id);
  return info;
}

void
tandem_ai_model_info_free (TandemAiModelInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->id);
  g_free (info->display_name);
  g_strfreev (info->capabilities);
  g_free (info);
}

/**
 * tandem_ai_json_get_string:
 * @object: (nullable): a #JsonObject
 * @member: a member name
 *
 * Returns: (nullable): the member's value when it is a string, else %NULL
 */
const char *
tandem_ai_json_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/**
 * tandem_ai_json_get_object:
 * @object: (nullable): a #JsonObject
 * @member: a member name
 *
 * Returns: (nullable) (transfer none): the member when it is an object
 */
JsonObject *
tandem_ai_json_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * tandem_ai_json_get_array:
 * @object: (nullable): a #JsonObject
 * @member: a member name
 *
 * Returns: (nullable) (transfer none): the member when it is an array
 */
JsonArray *
tandem_ai_json_get_array (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * tandem_ai_json_get_int:
 * @object: (nullable): a #JsonObject
 * @member: a member name
 * @fallback: returned when the member is missing or not a number
 *
 * Returns: the member's integer value
 */
gint64
tandem_ai_json_get_int (JsonObject *object,
                        const char *member,
                        gint64      fallback)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

/**
 * tandem_ai_json_parse_event:
 * @data: the JSON text of one event or line
 * @len: its length
 * @events: where an ERROR event is added when @data is not a JSON object
 *
 * Returns: (transfer full) (nullable): the parsed object node, or %NULL
 */
JsonNode *
tandem_ai_json_parse_event (const char *data,
                            gsize       len,
                            GPtrArray  *events)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (events != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, len, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *message =
        g_strdup_printf (_("The answer could not be read: the server sent something that is not valid JSON (%s)"),
                         error ? error->message : _("not an object"));

      g_ptr_array_add (events, tandem_ai_event_new_error (0, TANDEM_AI_ERROR_MALFORMED, message, -1));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * tandem_ai_json_dup_error_message:
 * @root: a parsed error body or stream event
 * @error_type: (out) (optional) (nullable): the error's `type` or `code`
 *
 * Reads the message of OpenAI's `{"error": {"message", "type", "code"}}`, Anthropic's
 * `{"type": "error", "error": {"type", "message"}}` and Ollama's `{"error": "…"}`.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when @root is not an error
 */
char *
tandem_ai_json_dup_error_message (JsonNode  *root,
                                  char     **error_type)
{
  JsonObject *object;
  JsonObject *error;
  const char *message;

  if (error_type != NULL)
    *error_type = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if ((message = tandem_ai_json_get_string (object, "error")) != NULL)
    return g_strdup (message);

  if ((error = tandem_ai_json_get_object (object, "error")) == NULL)
    return NULL;

  if (error_type != NULL)
    {
      const char *type = tandem_ai_json_get_string (error, "code");

      if (type == NULL)
        type = tandem_ai_json_get_string (error, "type");
      *error_type = g_strdup (type);
    }

  message = tandem_ai_json_get_string (error, "message");
  return g_strdup (message ? message : _("Unknown error"));
}

/**
 * tandem_ai_provider_new_json_post:
 * @uri: where to send it
 * @body: the JSON to send
 *
 * Returns: (transfer full): a POST of @body to @uri (see tandem_ai_provider_set_json_body())
 */
SoupMessage *
tandem_ai_provider_new_json_post (GUri     *uri,
                                  JsonNode *body)
{
  SoupMessage *message;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  tandem_ai_provider_set_json_body (message, body);
  return message;
}

/**
 * tandem_ai_provider_add_bearer_auth:
 * @self: a #TandemAiProvider
 * @message: the request
 * @api_key: the key
 *
 * An add_auth_headers implementation: sets `Authorization: Bearer @api_key`.
 */
void
tandem_ai_provider_add_bearer_auth (TandemAiProvider *self,
                                    SoupMessage      *message,
                                    const char       *api_key)
{
  g_autofree char *value = g_strdup_printf ("Bearer %s", api_key);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
}

/**
 * tandem_ai_provider_add_function_tools:
 * @builder: a #JsonBuilder inside an object
 * @request: the turn
 *
 * Adds a `tools` member in the OpenAI function format when @request has tools.
 */
void
tandem_ai_provider_add_function_tools (JsonBuilder               *builder,
                                       const TandemAiChatRequest *request)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (request != NULL);

  if (request->tools->len == 0)
    return;

  json_builder_set_member_name (builder, "tools");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->tools->len; i++)
    {
      TandemAiTool *tool = g_ptr_array_index (request->tools, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "function");
      json_builder_set_member_name (builder, "function");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, tool->name);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, tool->description);
      json_builder_set_member_name (builder, "parameters");
      json_builder_add_value (builder, json_node_copy (tool->parameters));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * tandem_ai_provider_parse_model_list:
 * @root: the server's answer
 * @member: the member of @root that holds the list
 * @parse_item: (scope call): makes the info for one object of the list, or %NULL to skip it
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type TandemAiModelInfo) (nullable): the models, or
 *   %NULL with @error set when @root has no such list
 */
GPtrArray *
tandem_ai_provider_parse_model_list (JsonNode               *root,
                                     const char             *member,
                                     TandemAiModelItemFunc   parse_item,
                                     GError                **error)
{
  g_autoptr(GPtrArray) models = NULL;
  JsonArray *list = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);
  g_return_val_if_fail (parse_item != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (root))
    list = tandem_ai_json_get_array (json_node_get_object (root), member);

  if (list == NULL)
    {
      g_set_error_literal (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                           _("The server’s model list could not be read"));
      return NULL;
    }

  models = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_ai_model_info_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      TandemAiModelInfo *info;

      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
        continue;
      if ((info = parse_item (json_array_get_object_element (list, i))) != NULL)
        g_ptr_array_add (models, info);
    }

  return g_steal_pointer (&models);
}

/**
 * tandem_ai_decoder_add_cut_error:
 * @events: where to add it
 *
 * Adds the ERROR event of kind CUT that a decoder gives when the stream ended before
 * the provider's end marker.
 */
void
tandem_ai_decoder_add_cut_error (GPtrArray *events)
{
  g_return_if_fail (events != NULL);

  g_ptr_array_add (events,
                   tandem_ai_event_new_error (0, TANDEM_AI_ERROR_CUT,
                                              _("The answer was cut off before it was complete"),
                                              -1));
}
