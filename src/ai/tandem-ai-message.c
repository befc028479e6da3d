/* tandem-ai-message.c
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

#define G_LOG_DOMAIN "tandem-ai-message"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-ai-conversation.h"
#include "tandem-ai-message.h"
#include "tandem-ai-provider.h"

struct _TandemAiMessage
{
  GObject               parent_instance;

  char                 *id;
  GString              *text;
  char                 *model;
  char                 *error_text;
  char                 *tool_call_id;
  GPtrArray            *tool_calls;
  GArray               *context_items;
  char                 *context_text;

  gint64                created;
  gint64                updated;
  gint64                input_tokens;
  gint64                output_tokens;
  TandemAiMessageRole   role;
  TandemAiMessageState  state;
};

enum {
  PROP_0,
  PROP_ROLE,
  PROP_TEXT,
  PROP_MODEL,
  PROP_STATE,
  PROP_ERROR_TEXT,
  PROP_INPUT_TOKENS,
  PROP_OUTPUT_TOKENS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TandemAiMessage, tandem_ai_message, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const roles[] = { "user", "assistant", "system", "tool" };
static const char * const states[] = { "complete", "streaming", "stopped", "error" };

const char *
tandem_ai_message_role_to_string (TandemAiMessageRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (roles), NULL);

  return roles[role];
}

gboolean
tandem_ai_message_role_from_string (const char          *str,
                                    TandemAiMessageRole *role)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (roles); i++)
    {
      if (strcmp (str, roles[i]) == 0)
        {
          *role = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tandem_ai_message_state_to_string (TandemAiMessageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);

  return states[state];
}

gboolean
tandem_ai_message_state_from_string (const char           *str,
                                     TandemAiMessageState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (states); i++)
    {
      if (strcmp (str, states[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
context_item_clear (gpointer data)
{
  TandemAiContextItem *item = data;

  g_clear_pointer (&item->path, g_free);
}

static void
tandem_ai_message_touch (TandemAiMessage *self)
{
  self->updated = g_get_real_time ();
}

static void
tandem_ai_message_finalize (GObject *object)
{
  TandemAiMessage *self = TANDEM_AI_MESSAGE (object);

  g_clear_pointer (&self->id, g_free);
  g_string_free (self->text, TRUE);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->tool_call_id, g_free);
  g_clear_pointer (&self->tool_calls, g_ptr_array_unref);
  g_clear_pointer (&self->context_items, g_array_unref);
  g_clear_pointer (&self->context_text, g_free);

  G_OBJECT_CLASS (tandem_ai_message_parent_class)->finalize (object);
}

static void
tandem_ai_message_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemAiMessage *self = TANDEM_AI_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_uint (value, self->role);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;

    case PROP_ERROR_TEXT:
      g_value_set_string (value, self->error_text);
      break;

    case PROP_INPUT_TOKENS:
      g_value_set_int64 (value, self->input_tokens);
      break;

    case PROP_OUTPUT_TOKENS:
      g_value_set_int64 (value, self->output_tokens);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_ai_message_class_init (TandemAiMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_ai_message_finalize;
  object_class->get_property = tandem_ai_message_get_property;

  properties[PROP_ROLE] = g_param_spec_uint ("role", NULL, NULL, 0, G_N_ELEMENTS (roles) - 1, 0, ro);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", ro);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, G_N_ELEMENTS (states) - 1, 0, ro);
  properties[PROP_ERROR_TEXT] = g_param_spec_string ("error-text", NULL, NULL, NULL, ro);
  properties[PROP_INPUT_TOKENS] =
    g_param_spec_int64 ("input-tokens", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_OUTPUT_TOKENS] =
    g_param_spec_int64 ("output-tokens", NULL, NULL, -1, G_MAXINT64, -1, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_ai_message_init (TandemAiMessage *self)
{
  self->text = g_string_new (NULL);
  self->tool_calls = g_ptr_array_new_with_free_func (g_free);
  self->context_items = g_array_new (FALSE, TRUE, sizeof (TandemAiContextItem));
  g_array_set_clear_func (self->context_items, context_item_clear);
  self->input_tokens = -1;
  self->output_tokens = -1;
}

/**
 * tandem_ai_message_new:
 * @role: who wrote it
 * @text: (nullable): the text so far
 *
 * Returns: (transfer full): a complete message; set it to
 *   %TANDEM_AI_MESSAGE_STATE_STREAMING while an answer arrives
 */
TandemAiMessage *
tandem_ai_message_new (TandemAiMessageRole  role,
                       const char          *text)
{
  TandemAiMessage *self;

  g_return_val_if_fail (role < G_N_ELEMENTS (roles), NULL);

  self = g_object_new (TANDEM_AI_TYPE_MESSAGE, NULL);
  self->id = g_uuid_string_random ();
  self->role = role;
  self->created = self->updated = g_get_real_time ();
  if (text != NULL)
    g_string_assign (self->text, text);

  return self;
}

const char *
tandem_ai_message_get_id (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->id;
}

TandemAiMessageRole
tandem_ai_message_get_role (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->role;
}

const char *
tandem_ai_message_get_text (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->text->str;
}

void
tandem_ai_message_set_text (TandemAiMessage *self,
                            const char      *text)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (g_strcmp0 (self->text->str, text ? text : "") == 0)
    return;

  g_string_assign (self->text, text ? text : "");
  tandem_ai_message_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
tandem_ai_message_append_text (TandemAiMessage *self,
                               const char      *text)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (text == NULL || text[0] == '\0')
    return;

  g_string_append (self->text, text);
  tandem_ai_message_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
tandem_ai_message_get_model (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->model;
}

void
tandem_ai_message_set_model (TandemAiMessage *self,
                             const char      *model)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (g_strcmp0 (self->model, model) == 0)
    return;

  g_free (self->model);
  self->model = g_strdup (model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

TandemAiMessageState
tandem_ai_message_get_state (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->state;
}

void
tandem_ai_message_set_state (TandemAiMessage      *self,
                             TandemAiMessageState  state)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));
  g_return_if_fail (state < G_N_ELEMENTS (states));

  if (self->state == state)
    return;

  self->state = state;
  tandem_ai_message_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
tandem_ai_message_get_error_text (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->error_text;
}

/**
 * tandem_ai_message_set_error:
 * @self: a #TandemAiMessage
 * @error_text: what went wrong, in plain words
 *
 * Marks the message as failed; the text received so far is kept.
 */
void
tandem_ai_message_set_error (TandemAiMessage *self,
                             const char      *error_text)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (g_strcmp0 (self->error_text, error_text) != 0)
    {
      g_free (self->error_text);
      self->error_text = g_strdup (error_text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_TEXT]);
    }

  tandem_ai_message_set_state (self, TANDEM_AI_MESSAGE_STATE_ERROR);
}

gint64
tandem_ai_message_get_created (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->created;
}

gint64
tandem_ai_message_get_updated (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->updated;
}

/**
 * tandem_ai_message_set_usage:
 * @self: a #TandemAiMessage
 * @input_tokens: tokens of the prompt, or -1 when not reported
 * @output_tokens: tokens of the answer, or -1 when not reported
 */
void
tandem_ai_message_set_usage (TandemAiMessage *self,
                             gint64           input_tokens,
                             gint64           output_tokens)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (self->input_tokens != input_tokens)
    {
      self->input_tokens = MAX (input_tokens, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_TOKENS]);
    }
  if (self->output_tokens != output_tokens)
    {
      self->output_tokens = MAX (output_tokens, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_TOKENS]);
    }
}

gint64
tandem_ai_message_get_input_tokens (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), -1);

  return self->input_tokens;
}

gint64
tandem_ai_message_get_output_tokens (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), -1);

  return self->output_tokens;
}

/**
 * tandem_ai_message_add_tool_call:
 * @self: a #TandemAiMessage
 * @json: the tool call as the endpoint sent it (raw JSON text)
 */
void
tandem_ai_message_add_tool_call (TandemAiMessage *self,
                                 const char      *json)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));
  g_return_if_fail (json != NULL);

  g_ptr_array_add (self->tool_calls, g_strdup (json));
  tandem_ai_message_touch (self);
}

guint
tandem_ai_message_get_n_tool_calls (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->tool_calls->len;
}

const char *
tandem_ai_message_get_tool_call (TandemAiMessage *self,
                                 guint            index)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->tool_calls->len, NULL);

  return g_ptr_array_index (self->tool_calls, index);
}

const char *
tandem_ai_message_get_tool_call_id (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->tool_call_id;
}

void
tandem_ai_message_set_tool_call_id (TandemAiMessage *self,
                                    const char      *tool_call_id)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  g_free (self->tool_call_id);
  self->tool_call_id = g_strdup (tool_call_id);
}

void
tandem_ai_message_add_context_item (TandemAiMessage *self,
                                    const char      *path,
                                    guint            start_line,
                                    guint            end_line)
{
  TandemAiContextItem item;

  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));
  g_return_if_fail (path != NULL);

  item.path = g_strdup (path);
  item.start_line = start_line;
  item.end_line = end_line;
  g_array_append_val (self->context_items, item);
}

guint
tandem_ai_message_get_n_context_items (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), 0);

  return self->context_items->len;
}

const TandemAiContextItem *
tandem_ai_message_get_context_item (TandemAiMessage *self,
                                    guint            index)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->context_items->len, NULL);

  return &g_array_index (self->context_items, TandemAiContextItem, index);
}

/**
 * tandem_ai_message_get_context_text:
 * @self: a #TandemAiMessage
 *
 * Returns: (nullable): the attached context (files and selections, as sent with the
 *   question), or %NULL
 */
const char *
tandem_ai_message_get_context_text (TandemAiMessage *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  return self->context_text;
}

/**
 * tandem_ai_message_set_context_text:
 * @self: a #TandemAiMessage
 * @context_text: (nullable): the attached context, sent again with every later turn
 */
void
tandem_ai_message_set_context_text (TandemAiMessage *self,
                                    const char      *context_text)
{
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (self));

  if (context_text != NULL && context_text[0] == '\0')
    context_text = NULL;
  g_free (self->context_text);
  self->context_text = g_strdup (context_text);
}

/**
 * tandem_ai_message_to_json:
 * @self: a #TandemAiMessage
 *
 * A message still streaming is written as stopped: if Tandem ends before the
 * answer does, the answer is not coming back.
 *
 * Returns: (transfer full): the message as a JSON object
 */
JsonNode *
tandem_ai_message_to_json (TandemAiMessage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TandemAiMessageState state;

  g_return_val_if_fail (TANDEM_AI_IS_MESSAGE (self), NULL);

  state = self->state == TANDEM_AI_MESSAGE_STATE_STREAMING ? TANDEM_AI_MESSAGE_STATE_STOPPED
                                                           : self->state;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, roles[self->role]);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text->str);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, states[state]);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, self->created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, self->updated);
  if (self->model != NULL)
    {
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, self->model);
    }
  if (self->error_text != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, self->error_text);
    }
  if (self->tool_call_id != NULL)
    {
      json_builder_set_member_name (builder, "tool-call-id");
      json_builder_add_string_value (builder, self->tool_call_id);
    }
  if (self->context_text != NULL)
    {
      json_builder_set_member_name (builder, "context-text");
      json_builder_add_string_value (builder, self->context_text);
    }
  json_builder_set_member_name (builder, "input-tokens");
  json_builder_add_int_value (builder, self->input_tokens);
  json_builder_set_member_name (builder, "output-tokens");
  json_builder_add_int_value (builder, self->output_tokens);

  json_builder_set_member_name (builder, "tool-calls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->tool_calls->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->tool_calls, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "context");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->context_items->len; i++)
    {
      const TandemAiContextItem *item = &g_array_index (self->context_items, TandemAiContextItem, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, item->path);
      json_builder_set_member_name (builder, "start-line");
      json_builder_add_int_value (builder, item->start_line);
      json_builder_set_member_name (builder, "end-line");
      json_builder_add_int_value (builder, item->end_line);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

/**
 * tandem_ai_message_new_from_json:
 * @node: what tandem_ai_message_to_json() wrote
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when @node is not one
 */
TandemAiMessage *
tandem_ai_message_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(TandemAiMessage) self = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id;
  TandemAiMessageRole role;
  TandemAiMessageState state;
  gint64 created, updated;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;

  object = json_node_get_object (node);
  id = tandem_ai_json_get_string (object, "id");
  if (id == NULL || tandem_ai_json_get_string (object, "text") == NULL ||
      !tandem_ai_message_role_from_string (tandem_ai_json_get_string (object, "role"), &role) ||
      !tandem_ai_message_state_from_string (tandem_ai_json_get_string (object, "state"), &state) ||
      !get_int (object, "created", &created) || !get_int (object, "updated", &updated))
    goto invalid;

  self = g_object_new (TANDEM_AI_TYPE_MESSAGE, NULL);
  self->id = g_strdup (id);
  self->role = role;
  self->state = state;
  self->created = created;
  self->updated = updated;
  g_string_assign (self->text, tandem_ai_json_get_string (object, "text"));
  self->model = g_strdup (tandem_ai_json_get_string (object, "model"));
  self->error_text = g_strdup (tandem_ai_json_get_string (object, "error"));
  self->tool_call_id = g_strdup (tandem_ai_json_get_string (object, "tool-call-id"));
  /* Files written before attachments were kept have none: the question alone. */
  tandem_ai_message_set_context_text (self, tandem_ai_json_get_string (object, "context-text"));
  get_int (object, "input-tokens", &self->input_tokens);
  get_int (object, "output-tokens", &self->output_tokens);

  member = json_object_get_member (object, "tool-calls");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            goto invalid;
          g_ptr_array_add (self->tool_calls, g_strdup (json_node_get_string (element)));
        }
    }

  member = json_object_get_member (object, "context");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 start = 0, end = 0;
          const char *path;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            goto invalid;
          path = tandem_ai_json_get_string (json_node_get_object (element), "path");
          if (path == NULL)
            goto invalid;
          get_int (json_node_get_object (element), "start-line", &start);
          get_int (json_node_get_object (element), "end-line", &end);
          tandem_ai_message_add_context_item (self, path, CLAMP (start, 0, G_MAXUINT),
                                              CLAMP (end, 0, G_MAXUINT));
        }
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED,
                       _("A message in the conversation is damaged"));
  return NULL;
}
