/* tandem-ai-provider.h
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
#include <libsoup/soup.h>

#include "tandem-ai-event.h"

G_BEGIN_DECLS

typedef enum
{
  TANDEM_AI_ROLE_USER,
  TANDEM_AI_ROLE_ASSISTANT,
  TANDEM_AI_ROLE_TOOL,
} TandemAiRole;

/* One chat turn to send: the history, the instructions and the options. The system
 * text goes in @system, never as a message. */
typedef struct
{
  char      *model;
  char      *system;
  GPtrArray *messages;       /* TandemAiChatMessage */
  GPtrArray *tools;          /* TandemAiTool */
  gint64     max_tokens;     /* <= 0: unset */
  double     temperature;    /* < 0: unset */
  gint64     num_ctx;        /* Ollama only; <= 0: unset */
} TandemAiChatRequest;

typedef struct
{
  char *id;
  char *name;
  char *arguments;           /* JSON text */
} TandemAiToolCall;

typedef struct
{
  TandemAiRole  role;
  char         *content;
  GPtrArray    *tool_calls;  /* TandemAiToolCall, assistant only */
  char         *tool_call_id; /* tool only */
  char         *tool_name;    /* tool only */
  gboolean      is_error;     /* tool only */
} TandemAiChatMessage;

typedef struct
{
  char     *name;
  char     *description;
  JsonNode *parameters;      /* a JSON Schema object */
} TandemAiTool;

/* What a model list or a model lookup learned about one model. */
typedef struct
{
  char   *id;
  char   *display_name;
  gint64  context_length;    /* 0 when unknown */
  char  **capabilities;      /* Ollama's list, or NULL */
} TandemAiModelInfo;

/* Turns one response body into events. Made per turn by the provider. */
typedef struct _TandemAiDecoder TandemAiDecoder;
struct _TandemAiDecoder
{
  /* Adds the events found in @data to @events; FALSE once an ERROR event was added. */
  gboolean (*feed)   (TandemAiDecoder *self,
                      const char      *data,
                      gsize            len,
                      GPtrArray       *events);
  /* At end of stream; adds events still pending, or an ERROR of kind CUT when the
   * provider's end marker was not seen. */
  void     (*finish) (TandemAiDecoder *self,
                      GPtrArray       *events);
  void     (*free)   (TandemAiDecoder *self);
};

/* Makes the info for one object of a model list, or returns NULL to skip it. */
typedef TandemAiModelInfo *(*TandemAiModelItemFunc) (JsonObject *item);

#define TANDEM_TYPE_AI_PROVIDER (tandem_ai_provider_get_type ())

G_DECLARE_INTERFACE (TandemAiProvider, tandem_ai_provider, TANDEM, AI_PROVIDER, GObject)

struct _TandemAiProviderInterface
{
  GTypeInterface parent_iface;

  const char      *(*get_kind)                 (TandemAiProvider           *self);
  SoupMessage     *(*build_chat_message)       (TandemAiProvider           *self,
                                                const TandemAiChatRequest  *request,
                                                GError                    **error);
  TandemAiDecoder *(*new_decoder)              (TandemAiProvider           *self);
  void             (*add_auth_headers)         (TandemAiProvider           *self,
                                                SoupMessage                *message,
                                                const char                 *api_key);
  SoupMessage     *(*build_models_message)     (TandemAiProvider           *self,
                                                GError                    **error);
  GPtrArray       *(*parse_models)             (TandemAiProvider           *self,
                                                JsonNode                   *root,
                                                GError                    **error);
  /* Optional: for a model list in pages, the request for the page after @root, or
   * NULL when @root was the last page (Anthropic: has_more and last_id). */
  SoupMessage     *(*build_next_models_message) (TandemAiProvider          *self,
                                                 JsonNode                  *root,
                                                 GError                   **error);
  /* Optional: a request that tells more about one model (Ollama /api/show). */
  SoupMessage     *(*build_model_info_message) (TandemAiProvider           *self,
                                                const char                 *model,
                                                GError                    **error);
  TandemAiModelInfo *(*parse_model_info)       (TandemAiProvider           *self,
                                                const char                 *model,
                                                JsonNode                   *root,
                                                GError                    **error);
};

const char          *tandem_ai_provider_get_kind                 (TandemAiProvider           *self);
void                 tandem_ai_provider_set_endpoint             (TandemAiProvider           *self,
                                                                  const char                 *base_url,
                                                                  const char                 *api_key,
                                                                  const char                 *key_host);
const char          *tandem_ai_provider_get_base_url             (TandemAiProvider           *self);
const char          *tandem_ai_provider_get_api_key              (TandemAiProvider           *self);
const char          *tandem_ai_provider_get_key_host             (TandemAiProvider           *self);
SoupMessage         *tandem_ai_provider_build_chat_message       (TandemAiProvider           *self,
                                                                  const TandemAiChatRequest  *request,
                                                                  GError                    **error);
TandemAiDecoder     *tandem_ai_provider_new_decoder              (TandemAiProvider           *self);
void                 tandem_ai_provider_add_auth_headers         (TandemAiProvider           *self,
                                                                  SoupMessage                *message,
                                                                  const char                 *api_key);
SoupMessage         *tandem_ai_provider_build_models_message     (TandemAiProvider           *self,
                                                                  GError                    **error);
GPtrArray           *tandem_ai_provider_parse_models             (TandemAiProvider           *self,
                                                                  JsonNode                   *root,
                                                                  GError                    **error);
SoupMessage         *tandem_ai_provider_build_next_models_message (TandemAiProvider          *self,
                                                                   JsonNode                  *root,
                                                                   GError                   **error);
SoupMessage         *tandem_ai_provider_build_model_info_message (TandemAiProvider           *self,
                                                                  const char                 *model,
                                                                  GError                    **error);
TandemAiModelInfo   *tandem_ai_provider_parse_model_info         (TandemAiProvider           *self,
                                                                  const char                 *model,
                                                                  JsonNode                   *root,
                                                                  GError                    **error);

/* Helpers for the implementations. */
GUri                *tandem_ai_provider_build_uri                (TandemAiProvider           *self,
                                                                  const char                 *path,
                                                                  GError                    **error);
void                 tandem_ai_provider_set_json_body            (SoupMessage                *message,
                                                                  JsonNode                   *body);
GBytes              *tandem_ai_provider_get_body                 (SoupMessage                *message);
const char          *tandem_ai_json_get_string                   (JsonObject                 *object,
                                                                  const char                 *member);
JsonObject          *tandem_ai_json_get_object                   (JsonObject                 *object,
                                                                  const char                 *member);
JsonArray           *tandem_ai_json_get_array                    (JsonObject                 *object,
                                                                  const char                 *member);
gint64               tandem_ai_json_get_int                      (JsonObject                 *object,
                                                                  const char                 *member,
                                                                  gint64                      fallback);
JsonNode            *tandem_ai_json_parse_event                  (const char                 *data,
                                                                  gsize                       len,
                                                                  GPtrArray                  *events);
char                *tandem_ai_json_dup_error_message            (JsonNode                   *root,
                                                                  char                      **error_type);
SoupMessage         *tandem_ai_provider_new_json_post            (GUri                       *uri,
                                                                  JsonNode                   *body);
void                 tandem_ai_provider_add_bearer_auth          (TandemAiProvider           *self,
                                                                  SoupMessage                *message,
                                                                  const char                 *api_key);
void                 tandem_ai_provider_add_function_tools       (JsonBuilder                *builder,
                                                                  const TandemAiChatRequest  *request);
GPtrArray           *tandem_ai_provider_parse_model_list         (JsonNode                   *root,
                                                                  const char                 *member,
                                                                  TandemAiModelItemFunc       parse_item,
                                                                  GError                    **error);
void                 tandem_ai_decoder_free                      (TandemAiDecoder            *decoder);
void                 tandem_ai_decoder_add_cut_error             (GPtrArray                  *events);

TandemAiChatRequest *tandem_ai_chat_request_new                  (const char                 *model);
void                 tandem_ai_chat_request_free                 (TandemAiChatRequest        *request);
void                 tandem_ai_chat_request_set_system           (TandemAiChatRequest        *request,
                                                                  const char                 *system);
TandemAiChatMessage *tandem_ai_chat_request_add_message          (TandemAiChatRequest        *request,
                                                                  TandemAiRole                role,
                                                                  const char                 *content);
void                 tandem_ai_chat_message_add_tool_call        (TandemAiChatMessage        *message,
                                                                  const char                 *id,
                                                                  const char                 *name,
                                                                  const char                 *arguments);
TandemAiChatMessage *tandem_ai_chat_request_add_tool_result      (TandemAiChatRequest        *request,
                                                                  const char                 *tool_call_id,
                                                                  const char                 *tool_name,
                                                                  const char                 *content,
                                                                  gboolean                    is_error);
void                 tandem_ai_chat_request_add_tool             (TandemAiChatRequest        *request,
                                                                  const char                 *name,
                                                                  const char                 *description,
                                                                  JsonNode                   *parameters);

TandemAiModelInfo   *tandem_ai_model_info_new                    (const char                 *id);
void                 tandem_ai_model_info_free                   (TandemAiModelInfo          *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiChatRequest, tandem_ai_chat_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiModelInfo, tandem_ai_model_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiDecoder, tandem_ai_decoder_free)

G_END_DECLS
