/* tandem-ai-provider-config.h
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
#ifndef G_SETTINGS_ENABLE_BACKEND
# define G_SETTINGS_ENABLE_BACKEND
#endif
#include <gio/gsettingsbackend.h>

G_BEGIN_DECLS

#define TANDEM_AI_PROVIDER_SCHEMA_ID "io.github.tandemide.Tandem.AiProvider"
#define TANDEM_AI_PROVIDER_ERROR (tandem_ai_provider_error_quark ())

typedef enum
{
  TANDEM_AI_PROVIDER_ERROR_INVALID_URL,
  TANDEM_AI_PROVIDER_ERROR_INSECURE_URL,
  TANDEM_AI_PROVIDER_ERROR_CONNECTION,
  TANDEM_AI_PROVIDER_ERROR_AUTH,
  TANDEM_AI_PROVIDER_ERROR_HTTP,
  TANDEM_AI_PROVIDER_ERROR_MALFORMED,
} TandemAiProviderError;

typedef enum
{
  TANDEM_AI_PROVIDER_KIND_OPENAI,
  TANDEM_AI_PROVIDER_KIND_ANTHROPIC,
  TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE,
  TANDEM_AI_PROVIDER_KIND_OLLAMA,
} TandemAiProviderKind;

#define TANDEM_AI_TYPE_PROVIDER_CONFIG (tandem_ai_provider_config_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiProviderConfig, tandem_ai_provider_config, TANDEM_AI, PROVIDER_CONFIG, GObject)

/* An endpoint found on this computer by tandem_ai_discover_local_async(). */
typedef struct
{
  TandemAiProviderKind  kind;
  char                 *base_url;
  char                **models;
} TandemAiLocalEndpoint;

/* Lets the provider layer take over model listing (tandem_ai_provider_config_list_models_async()). */
typedef void   (*TandemAiListModelsAsync)  (TandemAiProviderConfig  *config,
                                            const char              *api_key,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
typedef char **(*TandemAiListModelsFinish) (GAsyncResult            *result,
                                            GError                 **error);

GQuark                  tandem_ai_provider_error_quark                (void);

const char             *tandem_ai_provider_kind_to_string             (TandemAiProviderKind   kind);
gboolean                tandem_ai_provider_kind_from_string           (const char            *str,
                                                                       TandemAiProviderKind  *kind);
const char             *tandem_ai_provider_kind_get_default_base_url  (TandemAiProviderKind   kind);
const char             *tandem_ai_provider_kind_get_display_name      (TandemAiProviderKind   kind);
gboolean                tandem_ai_provider_kind_needs_key             (TandemAiProviderKind   kind);

gboolean                tandem_ai_check_base_url                      (const char            *base_url,
                                                                       char                 **note,
                                                                       GError               **error);

TandemAiProviderConfig *tandem_ai_provider_config_new                 (const char            *id,
                                                                       GSettingsBackend      *backend);
const char             *tandem_ai_provider_config_get_id              (TandemAiProviderConfig *self);
GSettings              *tandem_ai_provider_config_get_settings        (TandemAiProviderConfig *self);
TandemAiProviderKind    tandem_ai_provider_config_get_kind            (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_set_kind            (TandemAiProviderConfig *self,
                                                                       TandemAiProviderKind    kind);
char                   *tandem_ai_provider_config_dup_name            (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_set_name            (TandemAiProviderConfig *self,
                                                                       const char             *name);
char                   *tandem_ai_provider_config_dup_base_url        (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_set_base_url        (TandemAiProviderConfig *self,
                                                                       const char             *base_url);
char                   *tandem_ai_provider_config_dup_model           (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_set_model           (TandemAiProviderConfig *self,
                                                                       const char             *model);
char                  **tandem_ai_provider_config_dup_models_cache    (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_set_models_cache    (TandemAiProviderConfig *self,
                                                                       const char * const     *models);
guint                   tandem_ai_provider_config_get_context_window  (TandemAiProviderConfig *self);
guint                   tandem_ai_provider_config_get_max_output_tokens (TandemAiProviderConfig *self);
double                  tandem_ai_provider_config_get_temperature     (TandemAiProviderConfig *self);
gboolean                tandem_ai_provider_config_get_enabled         (TandemAiProviderConfig *self);
void                    tandem_ai_provider_config_reset               (TandemAiProviderConfig *self);

void                    tandem_ai_provider_config_set_model_lister    (TandemAiListModelsAsync  list_async,
                                                                       TandemAiListModelsFinish list_finish);
void                    tandem_ai_provider_config_list_models_async   (TandemAiProviderConfig *self,
                                                                       const char             *api_key,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
char                  **tandem_ai_provider_config_list_models_finish  (TandemAiProviderConfig *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

void                    tandem_ai_local_endpoint_free                 (TandemAiLocalEndpoint  *endpoint);
void                    tandem_ai_discover_local_async                (const char * const     *base_urls,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
GPtrArray              *tandem_ai_discover_local_finish               (GAsyncResult           *result,
                                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAiLocalEndpoint, tandem_ai_local_endpoint_free)

G_END_DECLS
