/* tandem-ai-secrets.h
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

G_BEGIN_DECLS

#define TANDEM_AI_SECRETS_ERROR (tandem_ai_secrets_error_quark ())

typedef enum
{
  TANDEM_AI_SECRETS_ERROR_FAILED,
  TANDEM_AI_SECRETS_ERROR_NO_SERVICE,
  TANDEM_AI_SECRETS_ERROR_LOCKED,
} TandemAiSecretsError;

GQuark    tandem_ai_secrets_error_quark  (void);

void      tandem_ai_secrets_store_async  (const char           *provider_id,
                                          const char           *base_url,
                                          const char           *api_key,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  tandem_ai_secrets_store_finish (GAsyncResult         *result,
                                          GError              **error);
void      tandem_ai_secrets_lookup_async (const char           *provider_id,
                                          const char           *base_url,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
char     *tandem_ai_secrets_lookup_finish (GAsyncResult        *result,
                                           GError             **error);
void      tandem_ai_secrets_delete_async (const char           *provider_id,
                                          const char           *base_url,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  tandem_ai_secrets_delete_finish (GAsyncResult        *result,
                                           GError             **error);
char     *tandem_ai_secrets_mask         (const char           *api_key);

G_END_DECLS
