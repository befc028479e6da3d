/* tandem-ai-conversation.c
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

#define G_LOG_DOMAIN "tandem-ai-conversation"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-ai-conversation.h"
#include "tandem-ai-provider.h"

struct _TandemAiConversation
{
  GObject    parent_instance;

  GPtrArray *messages;
  char      *id;
  char      *project_path;
  char      *title;
  char      *provider_id;
  char      *model;

  gint64     created;
  gint64     updated;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PROVIDER_ID,
  PROP_MODEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static void tandem_ai_conversation_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiConversation, tandem_ai_conversation, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tandem_ai_conversation_model_iface_init))
G_DEFINE_QUARK (tandem-ai-conversation-error-quark, tandem_ai_conversation_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
tandem_ai_conversation_get_item_type (GListModel *model)
{
  return TANDEM_AI_TYPE_MESSAGE;
}

static guint
tandem_ai_conversation_get_n_items (GListModel *model)
{
  return TANDEM_AI_CONVERSATION (model)->messages->len;
}

static gpointer
tandem_ai_conversation_get_item (GListModel *model,
                                 guint       position)
{
  TandemAiConversation *self = TANDEM_AI_CONVERSATION (model);

  if (position >= self->messages->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->messages, position));
}

static void
tandem_ai_conversation_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_ai_conversation_get_item_type;
  iface->get_n_items = tandem_ai_conversation_get_n_items;
  iface->get_item = tandem_ai_conversation_get_item;
}

static void
tandem_ai_conversation_changed (TandemAiConversation *self)
{
  g_assert (TANDEM_AI_IS_CONVERSATION (self));

  self->updated = g_get_real_time ();
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A streaming answer is saved once, when it ends (complete, stopped or failed). */
static void
tandem_ai_conversation_message_notify_state_cb (TandemAiConversation *self,
                                                GParamSpec           *pspec,
                                                TandemAiMessage      *message)
{
  g_assert (TANDEM_AI_IS_CONVERSATION (self));
  g_assert (TANDEM_AI_IS_MESSAGE (message));

  if (tandem_ai_message_get_state (message) != TANDEM_AI_MESSAGE_STATE_STREAMING)
    tandem_ai_conversation_changed (self);
}

static void
tandem_ai_conversation_finalize (GObject *object)
{
  TandemAiConversation *self = TANDEM_AI_CONVERSATION (object);

  for (guint i = 0; i < self->messages->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->messages, i), self);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->project_path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->model, g_free);

  G_OBJECT_CLASS (tandem_ai_conversation_parent_class)->finalize (object);
}

static void
tandem_ai_conversation_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemAiConversation *self = TANDEM_AI_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_ai_conversation_class_init (TandemAiConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_ai_conversation_finalize;
  object_class->get_property = tandem_ai_conversation_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemAiConversation::changed:
   *
   * The conversation needs saving: a message was added or finished, or the title or
   * model changed. Streaming text alone does not emit it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tandem_ai_conversation_init (TandemAiConversation *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
  self->title = g_strdup ("");
}

/**
 * tandem_ai_conversation_new:
 * @project_path: the folder of the project the conversation belongs to
 *
 * Returns: (transfer full): a new empty conversation with a new id
 */
TandemAiConversation *
tandem_ai_conversation_new (const char *project_path)
{
  TandemAiConversation *self;

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (TANDEM_AI_TYPE_CONVERSATION, NULL);
  self->id = g_uuid_string_random ();
  self->project_path = g_strdup (project_path);
  self->created = self->updated = g_get_real_time ();

  return self;
}

const char *
tandem_ai_conversation_get_id (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  return self->id;
}

const char *
tandem_ai_conversation_get_project_path (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  return self->project_path;
}

const char *
tandem_ai_conversation_get_title (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  return self->title;
}

void
tandem_ai_conversation_set_title (TandemAiConversation *self,
                                  const char           *title)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION (self));

  if (g_strcmp0 (self->title, title ? title : "") == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  tandem_ai_conversation_changed (self);
}

const char *
tandem_ai_conversation_get_provider_id (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  return self->provider_id;
}

const char *
tandem_ai_conversation_get_model (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  return self->model;
}

void
tandem_ai_conversation_set_provider (TandemAiConversation *self,
                                     const char           *provider_id,
                                     const char           *model)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION (self));

  if (g_strcmp0 (self->provider_id, provider_id) == 0 && g_strcmp0 (self->model, model) == 0)
    return;

  g_free (self->provider_id);
  self->provider_id = g_strdup (provider_id);
  g_free (self->model);
  self->model = g_strdup (model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  tandem_ai_conversation_changed (self);
}

gint64
tandem_ai_conversation_get_created (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), 0);

  return self->created;
}

gint64
tandem_ai_conversation_get_updated (TandemAiConversation *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), 0);

  return self->updated;
}

static void
tandem_ai_conversation_add (TandemAiConversation *self,
                            TandemAiMessage      *message)
{
  g_assert (TANDEM_AI_IS_CONVERSATION (self));
  g_assert (TANDEM_AI_IS_MESSAGE (message));

  g_ptr_array_add (self->messages, g_object_ref (message));
  g_signal_connect_object (message, "notify::state",
                           G_CALLBACK (tandem_ai_conversation_message_notify_state_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * tandem_ai_conversation_append:
 * @self: a #TandemAiConversation
 * @message: a message
 *
 * Adds @message at the end. A message that is still streaming is saved when it ends.
 */
void
tandem_ai_conversation_append (TandemAiConversation *self,
                               TandemAiMessage      *message)
{
  g_return_if_fail (TANDEM_AI_IS_CONVERSATION (self));
  g_return_if_fail (TANDEM_AI_IS_MESSAGE (message));

  tandem_ai_conversation_add (self, message);
  g_list_model_items_changed (G_LIST_MODEL (self), self->messages->len - 1, 0, 1);

  if (tandem_ai_message_get_state (message) != TANDEM_AI_MESSAGE_STATE_STREAMING)
    tandem_ai_conversation_changed (self);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * tandem_ai_conversation_to_json:
 * @self: a #TandemAiConversation
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the conversation as versioned JSON text
 */
char *
tandem_ai_conversation_to_json (TandemAiConversation *self,
                                gsize                *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TANDEM_AI_IS_CONVERSATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TANDEM_AI_CONVERSATION_FORMAT_VERSION);
  add_string_member (builder, "id", self->id);
  add_string_member (builder, "title", self->title);
  add_string_member (builder, "project", self->project_path);
  add_string_member (builder, "provider-id", self->provider_id);
  add_string_member (builder, "model", self->model);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, self->created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, self->updated);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->messages->len; i++)
    json_builder_add_value (builder, tandem_ai_message_to_json (g_ptr_array_index (self->messages, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

/**
 * tandem_ai_conversation_new_from_json:
 * @data: what tandem_ai_conversation_to_json() wrote
 * @length: the length of @data, or -1 when nul-terminated
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the conversation, or %NULL with
 *   %TANDEM_AI_CONVERSATION_ERROR_DAMAGED (a truncated or corrupt file) or
 *   %TANDEM_AI_CONVERSATION_ERROR_NEWER_VERSION
 */
TandemAiConversation *
tandem_ai_conversation_new_from_json (const char  *data,
                                      gssize       length,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(TandemAiConversation) self = NULL;
  JsonObject *root;
  JsonNode *messages;
  JsonArray *array;
  const char *id;
  const char *project;
  gint64 version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!json_parser_load_from_data (parser, data ? data : "", length, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto damaged;

  root = json_node_get_object (json_parser_get_root (parser));
  version = member_int (root, "version", -1);
  if (version > TANDEM_AI_CONVERSATION_FORMAT_VERSION)
    {
      g_set_error_literal (error, TANDEM_AI_CONVERSATION_ERROR,
                           TANDEM_AI_CONVERSATION_ERROR_NEWER_VERSION,
                           _("This conversation was saved by a newer version of Tandem: update "
                             "Tandem to open it"));
      return NULL;
    }

  id = tandem_ai_json_get_string (root, "id");
  project = tandem_ai_json_get_string (root, "project");
  messages = json_object_get_member (root, "messages");
  if (version < 1 || id == NULL || project == NULL || messages == NULL ||
      !JSON_NODE_HOLDS_ARRAY (messages))
    goto damaged;

  self = g_object_new (TANDEM_AI_TYPE_CONVERSATION, NULL);
  self->id = g_strdup (id);
  self->project_path = g_strdup (project);
  g_free (self->title);
  self->title = g_strdup (tandem_ai_json_get_string (root, "title") ?: "");
  self->provider_id = g_strdup (tandem_ai_json_get_string (root, "provider-id"));
  self->model = g_strdup (tandem_ai_json_get_string (root, "model"));
  self->created = member_int (root, "created", 0);
  self->updated = member_int (root, "updated", self->created);

  array = json_node_get_array (messages);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(TandemAiMessage) message = NULL;

      message = tandem_ai_message_new_from_json (json_array_get_element (array, i), error);
      if (message == NULL)
        return NULL;
      tandem_ai_conversation_add (self, message);
    }

  return g_steal_pointer (&self);

damaged:
  g_set_error_literal (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED,
                       _("The conversation file is damaged (cut short or not valid) and cannot "
                         "be opened"));
  return NULL;
}
