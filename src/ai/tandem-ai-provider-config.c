/* tandem-ai-provider-config.c
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

#define G_LOG_DOMAIN "tandem-ai-provider-config"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tandem-ai-client.h"
#include "tandem-ai-provider-config.h"

#define LIST_MODELS_TIMEOUT_S 20
#define DISCOVER_TIMEOUT_S 2

struct _TandemAiProviderConfig
{
  GObject    parent_instance;

  GSettings *settings;
  char      *id;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_BACKEND,
  PROP_KIND,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_MODEL,
  PROP_CONTEXT_WINDOW,
  PROP_MAX_OUTPUT_TOKENS,
  PROP_TEMPERATURE,
  PROP_ENABLED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TandemAiProviderConfig, tandem_ai_provider_config, G_TYPE_OBJECT)
G_DEFINE_QUARK (tandem-ai-provider-error-quark, tandem_ai_provider_error)

static GParamSpec *properties[N_PROPS];
static GSettingsBackend *construct_backend;

/* Property ↔ settings key, in PROP_ order from PROP_KIND. */
static const char * const keys[] = {
  "kind", "name", "base-url", "model", "context-window", "max-output-tokens", "temperature",
  "enabled",
};

static TandemAiListModelsAsync override_list_async;
static TandemAiListModelsFinish override_list_finish;

static const struct {
  TandemAiProviderKind  kind;
  const char           *id;
  const char           *base_url;
  const char           *display_name;
} kinds[] = {
  { TANDEM_AI_PROVIDER_KIND_OPENAI, "openai", "https://api.openai.com", N_("OpenAI") },
  { TANDEM_AI_PROVIDER_KIND_ANTHROPIC, "anthropic", "https://api.anthropic.com", N_("Anthropic") },
  { TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE, "openai-compatible", "", N_("OpenAI-Compatible") },
  { TANDEM_AI_PROVIDER_KIND_OLLAMA, "ollama", "http://localhost:11434", N_("Ollama") },
};

const char *
tandem_ai_provider_kind_to_string (TandemAiProviderKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  return kinds[kind].id;
}

gboolean
tandem_ai_provider_kind_from_string (const char           *str,
                                     TandemAiProviderKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kinds); i++)
    {
      if (strcmp (str, kinds[i].id) == 0)
        {
          if (kind != NULL)
            *kind = kinds[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tandem_ai_provider_kind_get_default_base_url (TandemAiProviderKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  return kinds[kind].base_url;
}

const char *
tandem_ai_provider_kind_get_display_name (TandemAiProviderKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  return _(kinds[kind].display_name);
}

/**
 * tandem_ai_provider_kind_needs_key:
 * @kind: a kind
 *
 * Returns: whether the endpoint refuses requests without an API key (local servers
 *   usually take none)
 */
gboolean
tandem_ai_provider_kind_needs_key (TandemAiProviderKind kind)
{
  return kind == TANDEM_AI_PROVIDER_KIND_OPENAI || kind == TANDEM_AI_PROVIDER_KIND_ANTHROPIC;
}

/**
 * tandem_ai_check_base_url:
 * @base_url: what the user typed
 * @note: (out) (optional) (nullable): a note to show beside a usable URL, such as the
 *   warning that plain http is not encrypted
 * @error: a location for a #GError
 *
 * An API key travels to this URL, so plain http is only accepted for this computer and
 * private networks (10/8, 172.16/12, 192.168/16, fc00::/7, .local names).
 *
 * Returns: whether the URL can be used
 */
gboolean
tandem_ai_check_base_url (const char  *base_url,
                          char       **note,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (note != NULL)
    *note = NULL;

  if (base_url == NULL || base_url[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_INVALID_URL,
                           _("Enter the address of the server, for example https://api.example.com"));
      return FALSE;
    }

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_INVALID_URL,
                   _("“%s” is not a web address: it must start with https:// and name a server"),
                   base_url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (!tandem_ai_host_is_private (host))
    {
      g_set_error (error, TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_INSECURE_URL,
                   _("“%s” is on the internet: use https:// so that your key and code are "
                     "encrypted (plain http is only allowed for this computer and private networks)"),
                   host);
      return FALSE;
    }

  if (note != NULL)
    *note = g_strdup (_("Traffic to this server is not encrypted"));

  return TRUE;
}

static void
tandem_ai_provider_config_settings_changed_cb (TandemAiProviderConfig *self,
                                               const char             *key,
                                               GSettings              *settings)
{
  g_assert (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (g_strcmp0 (keys[i], key) == 0)
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND + i]);
          return;
        }
    }
}

static void
tandem_ai_provider_config_constructed (GObject *object)
{
  TandemAiProviderConfig *self = TANDEM_AI_PROVIDER_CONFIG (object);
  g_autofree char *path = NULL;

  G_OBJECT_CLASS (tandem_ai_provider_config_parent_class)->constructed (object);

  g_assert (self->id != NULL);

  path = g_strdup_printf ("/io/github/tandemide/Tandem/ai-providers/%s/", self->id);
  if (construct_backend != NULL)
    self->settings = g_settings_new_with_backend_and_path (TANDEM_AI_PROVIDER_SCHEMA_ID,
                                                           construct_backend, path);
  else
    self->settings = g_settings_new_with_path (TANDEM_AI_PROVIDER_SCHEMA_ID, path);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (tandem_ai_provider_config_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
tandem_ai_provider_config_finalize (GObject *object)
{
  TandemAiProviderConfig *self = TANDEM_AI_PROVIDER_CONFIG (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (tandem_ai_provider_config_parent_class)->finalize (object);
}

static void
tandem_ai_provider_config_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TandemAiProviderConfig *self = TANDEM_AI_PROVIDER_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
    case PROP_NAME:
    case PROP_BASE_URL:
    case PROP_MODEL:
      g_value_take_string (value, g_settings_get_string (self->settings, keys[prop_id - PROP_KIND]));
      break;

    case PROP_CONTEXT_WINDOW:
    case PROP_MAX_OUTPUT_TOKENS:
      g_value_set_uint (value, g_settings_get_uint (self->settings, keys[prop_id - PROP_KIND]));
      break;

    case PROP_TEMPERATURE:
      g_value_set_double (value, g_settings_get_double (self->settings, "temperature"));
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, g_settings_get_boolean (self->settings, "enabled"));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_ai_provider_config_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TandemAiProviderConfig *self = TANDEM_AI_PROVIDER_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_BACKEND:
      /* Only read during construction, see tandem_ai_provider_config_new(). */
      break;

    case PROP_KIND:
      if (tandem_ai_provider_kind_from_string (g_value_get_string (value), NULL))
        g_settings_set_string (self->settings, "kind", g_value_get_string (value));
      break;

    case PROP_NAME:
    case PROP_BASE_URL:
    case PROP_MODEL:
      g_settings_set_string (self->settings, keys[prop_id - PROP_KIND],
                             g_value_get_string (value) ? g_value_get_string (value) : "");
      break;

    case PROP_CONTEXT_WINDOW:
    case PROP_MAX_OUTPUT_TOKENS:
      g_settings_set_uint (self->settings, keys[prop_id - PROP_KIND], g_value_get_uint (value));
      break;

    case PROP_TEMPERATURE:
      g_settings_set_double (self->settings, "temperature", g_value_get_double (value));
      break;

    case PROP_ENABLED:
      g_settings_set_boolean (self->settings, "enabled", g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_ai_provider_config_class_init (TandemAiProviderConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tandem_ai_provider_config_constructed;
  object_class->finalize = tandem_ai_provider_config_finalize;
  object_class->get_property = tandem_ai_provider_config_get_property;
  object_class->set_property = tandem_ai_provider_config_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, G_TYPE_SETTINGS_BACKEND,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "openai-compatible", rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, "", rw);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, "", rw);
  properties[PROP_CONTEXT_WINDOW] =
    g_param_spec_uint ("context-window", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_MAX_OUTPUT_TOKENS] =
    g_param_spec_uint ("max-output-tokens", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_TEMPERATURE] =
    g_param_spec_double ("temperature", NULL, NULL, 0.0, 2.0, 0.2, rw);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_ai_provider_config_init (TandemAiProviderConfig *self)
{
}

/**
 * tandem_ai_provider_config_new:
 * @id: the provider's id (a UUID)
 * @backend: (nullable): a settings backend, or %NULL for the default one
 *
 * Returns: (transfer full): the provider's configuration, read from and written to
 *   `/io/github/tandemide/Tandem/ai-providers/@id/`
 */
TandemAiProviderConfig *
tandem_ai_provider_config_new (const char       *id,
                               GSettingsBackend *backend)
{
  TandemAiProviderConfig *self;

  g_return_val_if_fail (id != NULL && id[0] != '\0' && strchr (id, '/') == NULL, NULL);
  g_return_val_if_fail (backend == NULL || G_IS_SETTINGS_BACKEND (backend), NULL);

  /* constructed() runs before properties are visible, so the backend goes by a
   * (main-thread only) static. */
  construct_backend = backend;
  self = g_object_new (TANDEM_AI_TYPE_PROVIDER_CONFIG, "id", id, NULL);
  construct_backend = NULL;

  return self;
}

const char *
tandem_ai_provider_config_get_id (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return self->id;
}

/**
 * tandem_ai_provider_config_get_settings:
 * @self: a #TandemAiProviderConfig
 *
 * Returns: (transfer none): the settings, to bind widgets to
 */
GSettings *
tandem_ai_provider_config_get_settings (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return self->settings;
}

TandemAiProviderKind
tandem_ai_provider_config_get_kind (TandemAiProviderConfig *self)
{
  g_autofree char *str = NULL;
  TandemAiProviderKind kind = TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE;

  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), kind);

  str = g_settings_get_string (self->settings, "kind");
  tandem_ai_provider_kind_from_string (str, &kind);

  return kind;
}

void
tandem_ai_provider_config_set_kind (TandemAiProviderConfig *self,
                                    TandemAiProviderKind    kind)
{
  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));
  g_return_if_fail (kind < G_N_ELEMENTS (kinds));

  g_settings_set_string (self->settings, "kind", kinds[kind].id);
}

char *
tandem_ai_provider_config_dup_name (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return g_settings_get_string (self->settings, "name");
}

void
tandem_ai_provider_config_set_name (TandemAiProviderConfig *self,
                                    const char             *name)
{
  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  g_settings_set_string (self->settings, "name", name ? name : "");
}

char *
tandem_ai_provider_config_dup_base_url (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return g_settings_get_string (self->settings, "base-url");
}

void
tandem_ai_provider_config_set_base_url (TandemAiProviderConfig *self,
                                        const char             *base_url)
{
  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  g_settings_set_string (self->settings, "base-url", base_url ? base_url : "");
}

char *
tandem_ai_provider_config_dup_model (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return g_settings_get_string (self->settings, "model");
}

void
tandem_ai_provider_config_set_model (TandemAiProviderConfig *self,
                                     const char             *model)
{
  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  g_settings_set_string (self->settings, "model", model ? model : "");
}

char **
tandem_ai_provider_config_dup_models_cache (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);

  return g_settings_get_strv (self->settings, "models-cache");
}

void
tandem_ai_provider_config_set_models_cache (TandemAiProviderConfig *self,
                                            const char * const     *models)
{
  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  g_settings_set_strv (self->settings, "models-cache", models);
}

guint
tandem_ai_provider_config_get_context_window (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), 0);

  return g_settings_get_uint (self->settings, "context-window");
}

guint
tandem_ai_provider_config_get_max_output_tokens (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), 0);

  return g_settings_get_uint (self->settings, "max-output-tokens");
}

double
tandem_ai_provider_config_get_temperature (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), 0.0);

  return g_settings_get_double (self->settings, "temperature");
}

gboolean
tandem_ai_provider_config_get_enabled (TandemAiProviderConfig *self)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), FALSE);

  return g_settings_get_boolean (self->settings, "enabled");
}

/**
 * tandem_ai_provider_config_reset:
 * @self: a #TandemAiProviderConfig
 *
 * Resets every key, so that a removed provider leaves nothing in the settings.
 */
void
tandem_ai_provider_config_reset (TandemAiProviderConfig *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    g_settings_reset (self->settings, names[i]);
}

/* HTTP ------------------------------------------------------------------------------ */

static SoupSession *
tandem_ai_get_session (guint timeout_s)
{
  static SoupSession *list_session;
  static SoupSession *probe_session;
  SoupSession **slot = timeout_s == DISCOVER_TIMEOUT_S ? &probe_session : &list_session;

  /* Used from the main context only, as libsoup requires. */
  if (*slot == NULL)
    *slot = soup_session_new_with_options ("timeout", timeout_s,
                                           "idle-timeout", 60,
                                           "user-agent", "Tandem",
                                           NULL);

  return *slot;
}

static char *
tandem_ai_join_url (const char *base_url,
                    const char *path)
{
  g_autofree char *base = g_strdup (base_url);
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  /* "http://host:1234/v1" is a common way to write an OpenAI-compatible base URL. */
  if (g_str_has_suffix (base, "/v1") && g_str_has_prefix (path, "/v1/"))
    path += strlen ("/v1");

  return g_strconcat (base, path, NULL);
}

static GError *
tandem_ai_http_error (SoupMessage  *message,
                      GError       *error,
                      const char   *url)
{
  guint status;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return g_error_copy (error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_CONNECTION,
                            _("Could not connect to %s: the server is not running or refused "
                              "the connection"), url);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_CONNECTION,
                            _("%s did not answer in time"), url);
      if (error->domain == G_TLS_ERROR ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_CONNECTION,
                            _("A secure connection to %s could not be made: %s"),
                            url, error->message);
      if (error->domain == G_RESOLVER_ERROR)
        return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_CONNECTION,
                            _("The server name in %s could not be found: check the address "
                              "and your network"), url);
      return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_CONNECTION,
                          _("Could not connect to %s: %s"), url, error->message);
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_AUTH,
                        _("The server refused the API key (HTTP %u): check the key saved for "
                          "this provider"), status);
  if (status == SOUP_STATUS_NOT_FOUND)
    return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_HTTP,
                        _("The server has no model list at %s (HTTP 404): check the base URL "
                          "and the kind of provider"), url);
  if (status >= 300 && status < 400)
    return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_HTTP,
                        _("The server sent the request elsewhere (HTTP %u): enter the final "
                          "address as the base URL"), status);

  return g_error_new (TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_HTTP,
                      _("The server answered with an error: HTTP %u %s"),
                      status, soup_message_get_reason_phrase (message) ?: "");
}

/* Reads model names from /v1/models ({"data":[{"id"}]}) or /api/tags ({"models":[{"name"}]}). */
static char **
tandem_ai_parse_models (GBytes      *bytes,
                        gboolean     ollama,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *array_name = ollama ? "models" : "data";
  const char *field = ollama ? "name" : "id";
  JsonObject *root;
  JsonArray *array;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data ? data : "", len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto malformed;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, array_name) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, array_name)))
    goto malformed;

  array = json_object_get_array_member (root, array_name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      name = json_object_get_string_member_with_default (object, field, NULL);
      if (name != NULL && name[0] != '\0')
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);

malformed:
  g_set_error_literal (error, TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_MALFORMED,
                       _("The server's answer is not a model list: check the base URL and the "
                         "kind of provider"));
  return NULL;
}

typedef struct
{
  SoupMessage *message;
  char        *url;
  gboolean     ollama;
} ListModels;

static void
list_models_free (ListModels *state)
{
  g_clear_object (&state->message);
  g_free (state->url);
  g_free (state);
}

static void
tandem_ai_list_models_read_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListModels *state = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char **models;

  g_assert (SOUP_IS_SESSION (object));

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL || soup_message_get_status (state->message) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, tandem_ai_http_error (state->message, error, state->url));
      return;
    }

  models = tandem_ai_parse_models (bytes, state->ollama, &error);
  if (models == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, models, (GDestroyNotify)g_strfreev);
}

static void
tandem_ai_list_models_override_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **models;

  models = override_list_finish (result, &error);
  if (models == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, models, (GDestroyNotify)g_strfreev);
}

/**
 * tandem_ai_provider_config_set_model_lister:
 * @list_async: (nullable): lists the models of a provider
 * @list_finish: (nullable): its finish function
 *
 * Makes tandem_ai_provider_config_list_models_async() use the provider layer instead
 * of its own requests.
 */
void
tandem_ai_provider_config_set_model_lister (TandemAiListModelsAsync  list_async,
                                            TandemAiListModelsFinish list_finish)
{
  g_return_if_fail ((list_async == NULL) == (list_finish == NULL));

  override_list_async = list_async;
  override_list_finish = list_finish;
}

/**
 * tandem_ai_provider_config_list_models_async:
 * @self: a #TandemAiProviderConfig
 * @api_key: (nullable): the key to send, only to this provider's base URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the endpoint for its models: `/v1/models` (OpenAI and compatible servers, with
 * a Bearer key), Anthropic's `/v1/models` (x-api-key) or Ollama's `/api/tags`.
 * Redirects are not followed, so the key never reaches another server.
 */
void
tandem_ai_provider_config_list_models_async (TandemAiProviderConfig *self,
                                             const char             *api_key,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  TandemAiProviderKind kind;
  SoupMessageHeaders *headers;
  ListModels *state;

  g_return_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_provider_config_list_models_async);

  if (override_list_async != NULL)
    {
      override_list_async (self, api_key, cancellable,
                           tandem_ai_list_models_override_cb, g_steal_pointer (&task));
      return;
    }

  base_url = tandem_ai_provider_config_dup_base_url (self);
  if (!tandem_ai_check_base_url (base_url, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  kind = tandem_ai_provider_config_get_kind (self);
  state = g_new0 (ListModels, 1);
  state->ollama = kind == TANDEM_AI_PROVIDER_KIND_OLLAMA;
  state->url = tandem_ai_join_url (base_url, state->ollama ? "/api/tags" : "/v1/models");
  g_task_set_task_data (task, state, (GDestroyNotify)list_models_free);

  state->message = soup_message_new (SOUP_METHOD_GET, state->url);
  if (state->message == NULL)
    {
      g_task_return_new_error (task, TANDEM_AI_PROVIDER_ERROR, TANDEM_AI_PROVIDER_ERROR_INVALID_URL,
                               _("“%s” is not a valid address"), base_url);
      return;
    }
  soup_message_add_flags (state->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (state->message);
  soup_message_headers_append (headers, "Accept", "application/json");
  if (kind == TANDEM_AI_PROVIDER_KIND_ANTHROPIC)
    {
      soup_message_headers_append (headers, "anthropic-version", "2023-06-01");
      if (api_key != NULL && api_key[0] != '\0')
        soup_message_headers_append (headers, "x-api-key", api_key);
    }
  else if (api_key != NULL && api_key[0] != '\0')
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", api_key, NULL);

      soup_message_headers_append (headers, "Authorization", bearer);
    }

  soup_session_send_and_read_async (tandem_ai_get_session (LIST_MODELS_TIMEOUT_S), state->message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    tandem_ai_list_models_read_cb, g_steal_pointer (&task));
}

/**
 * tandem_ai_provider_config_list_models_finish:
 * @self: a #TandemAiProviderConfig
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the model names, or %NULL with @error set
 */
char **
tandem_ai_provider_config_list_models_finish (TandemAiProviderConfig  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_CONFIG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Local discovery ------------------------------------------------------------------- */

void
tandem_ai_local_endpoint_free (TandemAiLocalEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;

  g_free (endpoint->base_url);
  g_strfreev (endpoint->models);
  g_free (endpoint);
}

typedef struct
{
  GPtrArray *found;
  guint      n_active;
} Discover;

typedef struct
{
  GTask       *task;
  SoupMessage *message;
  char        *base_url;
  guint        step;
} Probe;

enum { PROBE_TAGS, PROBE_HEALTH, PROBE_MODELS, PROBE_DONE };

static void
discover_free (Discover *state)
{
  g_ptr_array_unref (state->found);
  g_free (state);
}

static void tandem_ai_probe_next (Probe *probe);

static void
tandem_ai_probe_finish (Probe *probe)
{
  Discover *state = g_task_get_task_data (probe->task);

  g_assert (state->n_active > 0);

  if (--state->n_active == 0)
    g_task_return_pointer (probe->task, g_ptr_array_ref (state->found),
                           (GDestroyNotify)g_ptr_array_unref);

  g_clear_object (&probe->task);
  g_clear_object (&probe->message);
  g_free (probe->base_url);
  g_free (probe);
}

static void
tandem_ai_probe_add (Probe                *probe,
                     TandemAiProviderKind  kind,
                     char                **models)
{
  Discover *state = g_task_get_task_data (probe->task);
  TandemAiLocalEndpoint *endpoint = g_new0 (TandemAiLocalEndpoint, 1);

  endpoint->kind = kind;
  endpoint->base_url = g_strdup (probe->base_url);
  endpoint->models = models ? models : g_new0 (char *, 1);
  g_ptr_array_add (state->found, endpoint);
}

static void
tandem_ai_probe_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  status = bytes != NULL ? soup_message_get_status (probe->message) : 0;

  /* Nothing listens there (or we were cancelled): no need to ask the other paths. */
  if (bytes == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)))
    probe->step = PROBE_DONE;

  switch (probe->step)
    {
    case PROBE_TAGS:
      if (status == SOUP_STATUS_OK)
        {
          char **models = tandem_ai_parse_models (bytes, TRUE, NULL);

          if (models != NULL)
            {
              tandem_ai_probe_add (probe, TANDEM_AI_PROVIDER_KIND_OLLAMA, models);
              probe->step = PROBE_DONE;
              break;
            }
        }
      probe->step = PROBE_HEALTH;
      break;

    case PROBE_HEALTH:
      /* llama.cpp answers 503 while it loads its model. */
      probe->step = (status == SOUP_STATUS_OK || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
                    ? PROBE_MODELS : PROBE_DONE;
      break;

    case PROBE_MODELS:
      tandem_ai_probe_add (probe, TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE,
                           status == SOUP_STATUS_OK
                           ? tandem_ai_parse_models (bytes, FALSE, NULL) : NULL);
      probe->step = PROBE_DONE;
      break;

    default:
      break;
    }

  tandem_ai_probe_next (probe);
}

static void
tandem_ai_probe_next (Probe *probe)
{
  static const char * const paths[] = { "/api/tags", "/health", "/v1/models" };
  g_autofree char *url = NULL;

  if (probe->step == PROBE_DONE)
    {
      tandem_ai_probe_finish (probe);
      return;
    }

  url = tandem_ai_join_url (probe->base_url, paths[probe->step]);
  g_clear_object (&probe->message);
  probe->message = soup_message_new (SOUP_METHOD_GET, url);
  if (probe->message == NULL)
    {
      tandem_ai_probe_finish (probe);
      return;
    }
  soup_message_add_flags (probe->message, SOUP_MESSAGE_NO_REDIRECT);

  soup_session_send_and_read_async (tandem_ai_get_session (DISCOVER_TIMEOUT_S), probe->message,
                                    G_PRIORITY_DEFAULT, g_task_get_cancellable (probe->task),
                                    tandem_ai_probe_read_cb, probe);
}

/**
 * tandem_ai_discover_local_async:
 * @base_urls: (nullable) (array zero-terminated=1): where to look, or %NULL for Ollama's
 *   and llama.cpp's default addresses on this computer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Probes each address with a short timeout: Ollama's `/api/tags`, then llama.cpp's
 * `/health` and `/v1/models`.
 */
void
tandem_ai_discover_local_async (const char * const  *base_urls,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  static const char * const defaults[] = {
    "http://127.0.0.1:11434", "http://127.0.0.1:8080", "http://127.0.0.1:8012", NULL,
  };
  g_autoptr(GTask) task = NULL;
  Discover *state;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (base_urls == NULL)
    base_urls = defaults;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_discover_local_async);

  state = g_new0 (Discover, 1);
  state->found = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_ai_local_endpoint_free);
  state->n_active = g_strv_length ((char **)base_urls);
  g_task_set_task_data (task, state, (GDestroyNotify)discover_free);

  if (state->n_active == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (state->found),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  for (guint i = 0; base_urls[i] != NULL; i++)
    {
      Probe *probe = g_new0 (Probe, 1);

      probe->task = g_object_ref (task);
      probe->base_url = g_strdup (base_urls[i]);
      probe->step = PROBE_TAGS;
      tandem_ai_probe_next (probe);
    }
}

/**
 * tandem_ai_discover_local_finish:
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type TandemAiLocalEndpoint): the endpoints
 *   found, in no particular order
 */
GPtrArray *
tandem_ai_discover_local_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
